package io.chorus.core;

import org.jspecify.annotations.Nullable;

/**
 * Per-call settings. A policy left unset (null) means "the engine's default"; to switch a default
 * off for one call, give its explicit off value: {@link HedgePolicy#NONE} (no hedge even when the
 * engine hedges every call), {@link FallbackChain#NONE} (no fallback), {@link RetryPolicy#NONE} (no
 * retry). Immutable; the {@code withX} methods return changed copies.
 *
 * @param priority admission priority when the concurrency limit is full: higher first (default 0)
 * @param stream whether to use the provider's streaming API (streaming calls are never hedged)
 * @param observer receives text deltas when streaming; may be null. When an attempt fails
 *     mid-stream and is retried (or falls back), the observer receives the new attempt's text from
 *     its beginning; the final response holds only the successful attempt's text
 * @param timeouts overrides the engine's timeouts, or null
 * @param retry overrides the engine's retry policy, or null
 * @param hedge hedging for this call, {@link HedgePolicy#NONE} for none, or null for the engine's
 * @param fallback overrides the model's fallback chain ({@link FallbackChain#NONE}: none), or null
 * @param useCache whether a configured response cache may answer (and store) this call
 */
public record CallOptions(
    int priority,
    boolean stream,
    @Nullable StreamObserver observer,
    @Nullable Timeouts timeouts,
    @Nullable RetryPolicy retry,
    @Nullable HedgePolicy hedge,
    @Nullable FallbackChain fallback,
    boolean useCache) {

  public static final CallOptions DEFAULT =
      new CallOptions(0, false, null, null, null, null, null, true);

  public CallOptions withPriority(int p) {
    return new CallOptions(p, stream, observer, timeouts, retry, hedge, fallback, useCache);
  }

  public CallOptions streaming(@Nullable StreamObserver o) {
    return new CallOptions(priority, true, o, timeouts, retry, hedge, fallback, useCache);
  }

  public CallOptions withTimeouts(@Nullable Timeouts t) {
    return new CallOptions(priority, stream, observer, t, retry, hedge, fallback, useCache);
  }

  public CallOptions withRetry(@Nullable RetryPolicy r) {
    return new CallOptions(priority, stream, observer, timeouts, r, hedge, fallback, useCache);
  }

  public CallOptions withHedge(@Nullable HedgePolicy h) {
    return new CallOptions(priority, stream, observer, timeouts, retry, h, fallback, useCache);
  }

  public CallOptions withFallback(@Nullable FallbackChain f) {
    return new CallOptions(priority, stream, observer, timeouts, retry, hedge, f, useCache);
  }

  public CallOptions withCache(boolean use) {
    return new CallOptions(priority, stream, observer, timeouts, retry, hedge, fallback, use);
  }
}
