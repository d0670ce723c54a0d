package io.chorus.sim;

/**
 * Per-minute token buckets for one API key and model: requests, input tokens and output tokens.
 * Each bucket holds up to its limit and refills continuously at limit/60 per second, as the
 * providers document. Immutable.
 *
 * @param requestsPerMinute requests admitted per minute, at least 1
 * @param inputTokensPerMinute input (prompt) tokens per minute, at least 1
 * @param outputTokensPerMinute output (completion) tokens per minute, at least 1
 */
public record RateLimits(
    long requestsPerMinute, long inputTokensPerMinute, long outputTokensPerMinute) {

  /** Generous limits that never throttle a benchmark but still produce every header. */
  public static final RateLimits GENEROUS =
      new RateLimits(1_000_000, 1_000_000_000L, 1_000_000_000L);

  public RateLimits {
    if (requestsPerMinute < 1 || inputTokensPerMinute < 1 || outputTokensPerMinute < 1) {
      throw new IllegalArgumentException(
          "rate limits must be at least 1 per minute, were requests="
              + requestsPerMinute
              + " inputTokens="
              + inputTokensPerMinute
              + " outputTokens="
              + outputTokensPerMinute);
    }
  }

  /** These limits with a different request limit. */
  public RateLimits withRequestsPerMinute(long value) {
    return new RateLimits(value, inputTokensPerMinute, outputTokensPerMinute);
  }

  /** These limits with a different input-token limit. */
  public RateLimits withInputTokensPerMinute(long value) {
    return new RateLimits(requestsPerMinute, value, outputTokensPerMinute);
  }

  /** These limits with a different output-token limit. */
  public RateLimits withOutputTokensPerMinute(long value) {
    return new RateLimits(requestsPerMinute, inputTokensPerMinute, value);
  }
}
