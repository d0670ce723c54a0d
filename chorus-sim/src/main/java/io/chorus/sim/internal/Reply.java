package io.chorus.sim.internal;

/**
 * Everything a protocol needs to render a successful answer.
 *
 * @param id the message / completion id
 * @param model the model name as requested
 * @param answer the answer
 * @param inputTokens uncached input tokens
 * @param cacheWrite tokens written to the prompt cache
 * @param cacheRead tokens read from the prompt cache
 * @param created epoch seconds
 * @param includeUsage OpenAI stream_options.include_usage
 */
record Reply(
    String id,
    String model,
    Answer answer,
    long inputTokens,
    long cacheWrite,
    long cacheRead,
    long created,
    boolean includeUsage) {}
