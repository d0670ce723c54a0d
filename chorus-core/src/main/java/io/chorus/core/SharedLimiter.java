package io.chorus.core;

import java.time.Duration;

/**
 * Rate limits shared beyond one engine: every process whose engine has the same shared limiter
 * (e.g. one over the same PostgreSQL store) draws from one budget per provider and model, and a
 * 429's retry-after pauses that provider for all of them. Without it each process counts alone, so
 * N processes send N times a key's limit.
 *
 * <p>The engine keeps its own concurrency bulkhead; only the per-minute buckets (requests and
 * tokens) and the pause move here. The semantics are those of the engine's own buckets: a
 * reservation may drive a bucket into debt and returns the wait that pays it back (which keeps
 * order without a queue); the token reservation is an estimate, reconciled with the tokens actually
 * used through {@link Limit#adjust}.
 *
 * <p>Implementations are thread-safe and must not throw: when the shared state cannot be reached
 * they fall back to limiting this process alone and say so once (a call never fails because its
 * limiter's store did).
 */
public interface SharedLimiter {

  /**
   * The shared state of one limiter.
   *
   * @param name the provider ({@code anthropic}) or model ({@code anthropic:claude-sonnet-4-5}) it
   *     limits
   * @param limits its configured limits (only {@code requestsPerMinute} and {@code tokensPerMinute}
   *     are used)
   */
  Limit limit(String name, Limits limits);

  /** One limiter's buckets and pause, shared. */
  interface Limit {

    /**
     * Takes one request and {@code tokens} (an estimate) now, possibly into debt; returns the
     * nanoseconds to wait before using them, including any pause.
     */
    long reserve(long tokens);

    /**
     * Gives back {@code requests} and {@code tokens} (negative: takes more, e.g. tokens beyond the
     * estimate).
     */
    void adjust(long requests, long tokens);

    /**
     * Pauses every call through this limiter, in every process, for {@code d} (never shortens a
     * pause).
     */
    void pauseFor(Duration d);

    /** Nanoseconds left of the shared pause, or 0. */
    long pauseRemainingNanos();
  }
}
