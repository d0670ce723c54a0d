package io.chorus.sim.internal;

import java.util.List;

/**
 * A chat request reduced to what the simulator needs, whichever protocol carried it.
 *
 * @param model the model name as sent
 * @param apiKey the key as sent (never logged; used for buckets and hashed for stats)
 * @param system the system prompt text (blocks joined by newlines)
 * @param promptBlocks the prompt as cacheable blocks, system blocks then message blocks, for
 *     Anthropic's prompt caching (else empty)
 * @param promptText the whole prompt, role by role, for OpenAI's automatic prefix caching (null for
 *     Anthropic)
 * @param cacheKey OpenAI {@code prompt_cache_key}, or null
 * @param user the user messages' text joined by newlines
 * @param inputTokens all input tokens: system blocks plus every message, each text counted with
 *     {@link io.chorus.core.TokenEstimate#of(CharSequence)} and summed
 * @param maxTokens the output cap, or -1 when absent
 * @param stream whether SSE streaming was asked for
 * @param includeUsage OpenAI {@code stream_options.include_usage}
 * @param stopSequences stop sequences
 * @param bodyHash a hash of the request body (plus {@code x-chorus-sample}), seeding the answer
 * @param tools the tools offered, the tool choice, tool results and the answer's format
 */
record ParsedCall(
    String model,
    String apiKey,
    String system,
    List<PromptCache.Block> promptBlocks,
    String promptText,
    String cacheKey,
    String user,
    long inputTokens,
    long maxTokens,
    boolean stream,
    boolean includeUsage,
    List<String> stopSequences,
    long bodyHash,
    ToolRequest tools) {

  /** Thrown for an invalid request; rendered as a 400 in the protocol's error shape. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }
}
