package io.chorus.config;

import io.chorus.core.RetryPolicy;

/**
 * Retries as written in {@code chorus.yaml}: {@code {max_retries: 3, initial_backoff: 500ms,
 * max_backoff: 30s, max_retry_after: 2m}}; absent fields keep the policy they apply over (the
 * engine's {@link RetryPolicy#DEFAULT}, or the provider's for a model).
 */
public record RetrySettings(
    Integer maxRetries, String initialBackoff, String maxBackoff, String maxRetryAfter) {

  public RetrySettings {
    if (maxRetries != null && maxRetries < 0) {
      throw new IllegalArgumentException("max_retries must not be negative, was " + maxRetries);
    }
    DurationText.check("initial_backoff", initialBackoff);
    DurationText.check("max_backoff", maxBackoff);
    DurationText.check("max_retry_after", maxRetryAfter);
  }

  /** These settings over {@code base}. */
  public RetryPolicy apply(RetryPolicy base) {
    RetryPolicy.Builder b = base.toBuilder();
    if (maxRetries != null) {
      b.maxRetries(maxRetries);
    }
    if (initialBackoff != null) {
      b.initialBackoff(DurationText.parse(initialBackoff));
    }
    if (maxBackoff != null) {
      b.maxBackoff(DurationText.parse(maxBackoff));
    }
    if (maxRetryAfter != null) {
      b.maxRetryAfter(DurationText.parse(maxRetryAfter));
    }
    return b.build();
  }
}
