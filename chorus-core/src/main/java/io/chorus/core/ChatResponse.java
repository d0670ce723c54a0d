package io.chorus.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model's answer to one {@link ChatRequest}.
 *
 * @param text the answer text (for streams, all deltas joined)
 * @param stopReason why the model stopped
 * @param usage tokens used, as the provider reported them
 * @param model the model that answered, as {@code provider:model}; differs from the request's when
 *     a fallback or hedge answered
 * @param requestId the provider's request id ({@code request-id} / {@code x-request-id}), or null
 * @param latency from sending the request to the last byte of the answer
 * @param timeToFirstToken from sending to the first text delta for streams, else null
 * @param rateLimits the rate-limit headers of the response, or null when there were none
 * @param reasoning reasoning text the provider returned separately (xAI {@code reasoning_content}),
 *     or null
 * @param synthetic true when the answer came from the built-in simulator rather than a real model;
 *     reports label such answers
 * @param toolCalls the tools the model asked to call, in order (with {@link StopReason#TOOL_USE}),
 *     else empty
 */
public record ChatResponse(
    String text,
    StopReason stopReason,
    Usage usage,
    ModelId model,
    @Nullable String requestId,
    Duration latency,
    @Nullable Duration timeToFirstToken,
    @Nullable RateLimitInfo rateLimits,
    @Nullable String reasoning,
    boolean synthetic,
    List<ToolCall> toolCalls) {

  public ChatResponse {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(latency, "latency");
  }

  /** An answer that called no tool. */
  public ChatResponse(
      String text,
      StopReason stopReason,
      Usage usage,
      ModelId model,
      @Nullable String requestId,
      Duration latency,
      @Nullable Duration timeToFirstToken,
      @Nullable RateLimitInfo rateLimits,
      @Nullable String reasoning,
      boolean synthetic) {
    this(
        text,
        stopReason,
        usage,
        model,
        requestId,
        latency,
        timeToFirstToken,
        rateLimits,
        reasoning,
        synthetic,
        List.of());
  }

  /** A copy with another latency and time to first token (the engine measures its own). */
  public ChatResponse withTiming(Duration latency, Duration timeToFirstToken) {
    return new ChatResponse(
        text,
        stopReason,
        usage,
        model,
        requestId,
        latency,
        timeToFirstToken,
        rateLimits,
        reasoning,
        synthetic,
        toolCalls);
  }
}
