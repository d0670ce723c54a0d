package io.chorus.core;

import java.time.Duration;

/**
 * When and how long to wait before trying a failed attempt again.
 *
 * <p>Defaults equal the official Anthropic and OpenAI SDKs': 2 retries, exponential backoff from
 * 0.5 s doubling to at most 8 s, with full jitter (a uniformly random wait in [0, backoff]). A
 * provider's {@code retry-after} / {@code retry-after-ms} replaces the computed wait, capped at
 * {@link #maxRetryAfter()}; a larger retry-after ends the retries (the call fails or falls back).
 * Only {@linkplain ProviderException#retryable() retryable} errors are retried: never quota
 * exhaustion, authentication or invalid requests.
 *
 * <p>The <b>retry budget</b> bounds retries per run: at most {@code retryBudgetRatio} x the run's
 * calls plus {@code retryBudgetMin} retries in all, so a failing provider cannot multiply load.
 *
 * @param maxRetries retries after the first attempt (0 disables retrying)
 * @param initialBackoff the backoff before the first retry
 * @param maxBackoff the cap on the backoff
 * @param multiplier backoff growth per retry, at least 1
 * @param fullJitter whether the wait is uniform in [0, backoff] (true) or exactly the backoff
 * @param maxRetryAfter the longest provider-requested wait that is honoured
 * @param retryBudgetRatio retries allowed per call of a run, over the whole run
 * @param retryBudgetMin retries always allowed in a run, whatever its size
 */
public record RetryPolicy(
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    boolean fullJitter,
    Duration maxRetryAfter,
    double retryBudgetRatio,
    int retryBudgetMin) {

  public static final RetryPolicy DEFAULT = builder().build();
  public static final RetryPolicy NONE = builder().maxRetries(0).build();

  public RetryPolicy {
    Checks.nonNegative("retry.maxRetries", maxRetries);
    Checks.positive("retry.initialBackoff", initialBackoff);
    Checks.positive("retry.maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("retry.maxBackoff must not be below retry.initialBackoff");
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("retry.multiplier must be >= 1, was " + multiplier);
    }
    Checks.positive("retry.maxRetryAfter", maxRetryAfter);
    if (!(retryBudgetRatio >= 0)) {
      throw new IllegalArgumentException("retry.retryBudgetRatio must not be negative");
    }
    Checks.nonNegative("retry.retryBudgetMin", retryBudgetMin);
  }

  /** The backoff before retry {@code retry} (1-based), before jitter. */
  public Duration backoff(int retry) {
    double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
    return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxRetries(maxRetries)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .multiplier(multiplier)
        .fullJitter(fullJitter)
        .maxRetryAfter(maxRetryAfter)
        .retryBudget(retryBudgetRatio, retryBudgetMin);
  }

  /** Builder; not thread-safe. */
  public static final class Builder {
    private int maxRetries = 2;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private double multiplier = 2;
    private boolean fullJitter = true;
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private double retryBudgetRatio = 0.5;
    private int retryBudgetMin = 10;

    public Builder maxRetries(int v) {
      maxRetries = v;
      return this;
    }

    public Builder initialBackoff(Duration v) {
      initialBackoff = v;
      return this;
    }

    public Builder maxBackoff(Duration v) {
      maxBackoff = v;
      return this;
    }

    public Builder multiplier(double v) {
      multiplier = v;
      return this;
    }

    public Builder fullJitter(boolean v) {
      fullJitter = v;
      return this;
    }

    public Builder maxRetryAfter(Duration v) {
      maxRetryAfter = v;
      return this;
    }

    /** Allows {@code ratio} retries per call of a run plus {@code min}. */
    public Builder retryBudget(double ratio, int min) {
      retryBudgetRatio = ratio;
      retryBudgetMin = min;
      return this;
    }

    /** Turns the run-wide retry budget off. */
    public Builder unlimitedBudget() {
      retryBudgetRatio = Double.MAX_VALUE / 4;
      retryBudgetMin = Integer.MAX_VALUE / 4;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(
          maxRetries,
          initialBackoff,
          maxBackoff,
          multiplier,
          fullJitter,
          maxRetryAfter,
          retryBudgetRatio,
          retryBudgetMin);
    }
  }
}
