package io.chorus.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-call settings. Each policy is a {@link Setting}: {@link Setting#inherit()} (the default) uses
 * the engine's policy for the call's model; a value of the call's own replaces it, and that value
 * may be the policy's off value — {@link HedgePolicy#NONE} (no hedge even when the engine hedges
 * every call), {@link FallbackChain#NONE} (no fallback), {@link RetryPolicy#NONE} (no retry).
 * Nothing here is null but the observer; the {@code withX} methods refuse null and return changed
 * copies. Immutable.
 *
 * {@snippet :
 * // this call only: no hedge, whatever the engine's policy, and no retry
 * CallOptions o = CallOptions.DEFAULT.withHedge(HedgePolicy.NONE).withRetry(RetryPolicy.NONE);
 * }
 *
 * @param priority admission priority when the concurrency limit is full: higher first (default 0)
 * @param stream whether to use the provider's streaming API (streaming calls are never hedged)
 * @param observer receives text deltas when streaming; may be null. When an attempt fails
 *     mid-stream and is retried (or falls back), the observer receives the new attempt's text from
 *     its beginning; the final response holds only the successful attempt's text
 * @param timeouts the call's timeouts, or inherit the engine's
 * @param retry the call's retry policy, or inherit the engine's
 * @param hedge the call's hedging ({@link HedgePolicy#NONE} for none), or inherit the engine's
 * @param fallback the call's fallback chain ({@link FallbackChain#NONE} for none), or inherit the
 *     model's
 * @param useCache whether a configured response cache may answer (and store) this call
 */
public record CallOptions(
    int priority,
    boolean stream,
    @Nullable StreamObserver observer,
    Setting<Timeouts> timeouts,
    Setting<RetryPolicy> retry,
    Setting<HedgePolicy> hedge,
    Setting<FallbackChain> fallback,
    boolean useCache) {

  /** Priority 0, not streamed, every policy inherited, the cache allowed. */
  public static final CallOptions DEFAULT =
      new CallOptions(
          0,
          false,
          null,
          Setting.inherit(),
          Setting.inherit(),
          Setting.inherit(),
          Setting.inherit(),
          true);

  public CallOptions {
    Objects.requireNonNull(timeouts, "timeouts (Setting.inherit() for the engine's)");
    Objects.requireNonNull(retry, "retry (Setting.inherit() for the engine's)");
    Objects.requireNonNull(hedge, "hedge (Setting.inherit() for the engine's)");
    Objects.requireNonNull(fallback, "fallback (Setting.inherit() for the model's)");
  }

  public CallOptions withPriority(int p) {
    return new CallOptions(p, stream, observer, timeouts, retry, hedge, fallback, useCache);
  }

  public CallOptions streaming(@Nullable StreamObserver o) {
    return new CallOptions(priority, true, o, timeouts, retry, hedge, fallback, useCache);
  }

  /** This call's own timeouts instead of the engine's. */
  public CallOptions withTimeouts(Timeouts t) {
    return new CallOptions(
        priority, stream, observer, Setting.of(t), retry, hedge, fallback, useCache);
  }

  /** This call's own retry policy ({@link RetryPolicy#NONE}: no retry) instead of the engine's. */
  public CallOptions withRetry(RetryPolicy r) {
    return new CallOptions(
        priority, stream, observer, timeouts, Setting.of(r), hedge, fallback, useCache);
  }

  /** This call's own hedging ({@link HedgePolicy#NONE}: no hedge) instead of the engine's. */
  public CallOptions withHedge(HedgePolicy h) {
    return new CallOptions(
        priority, stream, observer, timeouts, retry, Setting.of(h), fallback, useCache);
  }

  /** This call's own fallback chain ({@link FallbackChain#NONE}: none) instead of the model's. */
  public CallOptions withFallback(FallbackChain f) {
    return new CallOptions(
        priority, stream, observer, timeouts, retry, hedge, Setting.of(f), useCache);
  }

  public CallOptions withCache(boolean use) {
    return new CallOptions(priority, stream, observer, timeouts, retry, hedge, fallback, use);
  }
}
