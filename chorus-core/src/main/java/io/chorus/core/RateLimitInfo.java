package io.chorus.core;

import java.time.Duration;
import java.time.Instant;

/**
 * What a provider's rate-limit headers said, normalized. Every field is optional (null when the
 * header was absent). Resets are absolute instants: Anthropic sends RFC 3339 times, OpenAI-style
 * providers send Go durations such as {@code 6m0s} that are added to the response time.
 *
 * <p>The engine's limiter adapts to these values: a lower {@code remaining} than it believes is
 * taken as truth until {@code reset}.
 *
 * @param requestsLimit requests allowed per window
 * @param requestsRemaining requests left in the window
 * @param requestsReset when the request window refills
 * @param tokensLimit tokens (input plus output, or the provider's notion) per window
 * @param tokensRemaining tokens left
 * @param tokensReset when the token window refills
 * @param inputTokensRemaining Anthropic's input-token bucket, remaining
 * @param inputTokensReset Anthropic's input-token bucket reset
 * @param outputTokensRemaining Anthropic's output-token bucket, remaining
 * @param outputTokensReset Anthropic's output-token bucket reset
 * @param retryAfter from {@code retry-after-ms} or {@code retry-after} (seconds or HTTP date)
 */
public record RateLimitInfo(
    Long requestsLimit,
    Long requestsRemaining,
    Instant requestsReset,
    Long tokensLimit,
    Long tokensRemaining,
    Instant tokensReset,
    Long inputTokensRemaining,
    Instant inputTokensReset,
    Long outputTokensRemaining,
    Instant outputTokensReset,
    Duration retryAfter) {

  /** No information. */
  public static final RateLimitInfo NONE =
      new RateLimitInfo(null, null, null, null, null, null, null, null, null, null, null);

  /** True when no field is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }
}
