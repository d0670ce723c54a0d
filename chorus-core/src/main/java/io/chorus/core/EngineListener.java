package io.chorus.core;

import java.time.Duration;

/**
 * Observes everything the engine does. Progress bars, metrics, traces, logs and reports all hang on
 * this one interface.
 *
 * <h2>The event tree</h2>
 *
 * Events come in start/end pairs that nest; every start gets exactly one end, whatever happens
 * (failure, cancellation, shutdown):
 *
 * <pre>
 * runStart
 * ├─ callQueued ─────────────────────────────────────────────── callEnd
 * │   ├─ rateLimitWaitStart ── rateLimitWaitEnd      (zero or more)
 * │   ├─ callAdmitted                                (at most once, before the first attempt)
 * │   ├─ attemptStart ── firstToken? ── attemptEnd   (one or more; retries, hedges, fallbacks)
 * │   │    retryScheduled / hedgeLaunched / fallback (between or beside attempts)
 * │   └─ cacheHit                                    (instead of attempts, when cached)
 * └─ runEnd
 * breakerTransition, deadLetter                      (whenever they happen)
 * </pre>
 *
 * A single {@link Engine#call} outside a run is a run of one: it too gets runStart and runEnd.
 * Tasks of {@link Engine#run} that are not calls get callQueued, callAdmitted and callEnd only.
 *
 * <p>Events may arrive concurrently from many threads. Implementations must be thread-safe, fast
 * (they run on the call's thread) and must not throw; an exception thrown by a listener is logged
 * and ignored.
 */
public interface EngineListener {

  default void runStart(String runId, String label, int tasks) {}

  default void runEnd(String runId, RunResult<?> result) {}

  default void callQueued(CallEvent call) {}

  default void callAdmitted(CallEvent call) {}

  default void rateLimitWaitStart(
      CallEvent call, ModelId model, String bucket, Duration expected) {}

  default void rateLimitWaitEnd(CallEvent call, ModelId model, Duration waited) {}

  default void attemptStart(CallEvent call, int attempt, Attempt.Kind kind, ModelId model) {}

  default void firstToken(CallEvent call, int attempt) {}

  default void attemptEnd(CallEvent call, Attempt attempt) {}

  default void retryScheduled(CallEvent call, int nextAttempt, Duration delay, String errorKind) {}

  default void hedgeLaunched(CallEvent call, int attempt, ModelId model) {}

  default void fallback(CallEvent call, ModelId from, ModelId to, String reason) {}

  default void cacheHit(CallEvent call) {}

  default void callEnd(CallEvent call, Outcome<?> outcome) {}

  default void breakerTransition(ModelId model, BreakerState from, BreakerState to) {}

  default void deadLetter(DeadLetter letter) {}

  /** Does nothing. */
  EngineListener NONE = new EngineListener() {};
}
