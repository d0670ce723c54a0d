package io.chorus.core.internal;

import io.chorus.core.Limits;
import io.chorus.core.RateLimitInfo;
import io.chorus.core.SharedLimiter;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one provider or one model: a priority bulkhead, request and token buckets, and a
 * pause that a 429's retry-after (or a header saying nothing is left) imposes on every call, so a
 * fan-out never retry-storms. Shared by everything that uses the engine.
 *
 * <p>Thread-safe.
 */
final class Limiter {
  /** The fraction of each rate bucket kept below the provider's (see {@link RateBucket}). */
  static final double HEADROOM = 0.01;

  final String name;
  private final TimeSource time;
  final Bulkhead bulkhead;
  final RateBucket requests;
  final RateBucket tokens;
  private final ReentrantLock lock = new ReentrantLock();
  private long pausedUntil = Long.MIN_VALUE;

  /**
   * The buckets and pause shared with other processes, or null: then {@link #requests} and {@link
   * #tokens} count here.
   */
  private final SharedLimiter.@Nullable Limit shared;

  Limiter(String name, Limits limits, TimeSource time) {
    this(name, limits, time, null);
  }

  Limiter(String name, Limits limits, TimeSource time, SharedLimiter.@Nullable Limit shared) {
    this.name = name;
    this.time = time;
    this.shared = shared;
    this.bulkhead = limits.maxConcurrency() > 0 ? new Bulkhead(limits.maxConcurrency()) : null;
    this.requests =
        shared == null && limits.requestsPerMinute() > 0
            ? new RateBucket(time, limits.requestsPerMinute(), HEADROOM)
            : null;
    this.tokens =
        shared == null && limits.tokensPerMinute() > 0
            ? new RateBucket(time, limits.tokensPerMinute(), HEADROOM)
            : null;
  }

  /**
   * Pauses every call through this limiter until {@code nanos} on the engine clock (never
   * shortens).
   */
  void pauseUntil(long nanos) {
    lock.lock();
    try {
      pausedUntil = Math.max(pausedUntil, nanos);
    } finally {
      lock.unlock();
    }
  }

  void pauseFor(Duration d) {
    pauseUntil(time.nanoTime() + d.toNanos());
    if (shared != null) {
      shared.pauseFor(d);
    }
  }

  /** Nanoseconds left of this engine's own pause, or 0. */
  private long localPause() {
    lock.lock();
    try {
      return pausedUntil == Long.MIN_VALUE ? 0 : Math.max(0, pausedUntil - time.nanoTime());
    } finally {
      lock.unlock();
    }
  }

  /** Nanoseconds left of the current pause (this engine's or the shared one), or 0. */
  long pauseRemaining() {
    lock.lock();
    try {
      long r = pausedUntil == Long.MIN_VALUE ? 0 : pausedUntil - time.nanoTime();
      return Math.max(Math.max(0, r), shared == null ? 0 : shared.pauseRemainingNanos());
    } finally {
      lock.unlock();
    }
  }

  /** Reserves one request and {@code estimate} tokens; returns the wait in nanoseconds. */
  long reserve(long estimate) {
    if (shared != null) {
      return Math.max(shared.reserve(estimate), localPause());
    }
    long wait = 0;
    if (requests != null) {
      wait = Math.max(wait, requests.reserve(1));
    }
    if (tokens != null) {
      wait = Math.max(wait, tokens.reserve(estimate));
    }
    return Math.max(wait, pauseRemaining());
  }

  /** Reserves only if nothing must wait (hedges never queue). */
  boolean tryReserve(long estimate) {
    if (pauseRemaining() > 0) {
      return false;
    }
    if (shared != null) {
      if (shared.reserve(estimate) > 0) {
        shared.adjust(1, estimate);
        return false;
      }
      return true;
    }
    if (requests != null && !requests.tryReserve(1)) {
      return false;
    }
    if (tokens != null && !tokens.tryReserve(estimate)) {
      if (requests != null) {
        requests.adjust(1);
      }
      return false;
    }
    return true;
  }

  /** Undoes a reservation (the call never went out). */
  void refund(long estimate) {
    if (shared != null) {
      shared.adjust(1, estimate);
    }
    if (requests != null) {
      requests.adjust(1);
    }
    if (tokens != null) {
      tokens.adjust(estimate);
    }
  }

  /** Reconciles a token reservation with the tokens really used. */
  void reconcile(long estimate, long actual) {
    if (shared != null && estimate != actual) {
      shared.adjust(0, estimate - actual);
    }
    if (tokens != null && estimate != actual) {
      tokens.adjust(estimate - actual);
    }
  }

  /** Adapts to the provider's rate-limit headers: a lower remaining is the truth until reset. */
  void adapt(RateLimitInfo info) {
    if (info == null || info.isEmpty()) {
      return;
    }
    adapt(requests, info.requestsRemaining(), info.requestsReset());
    adapt(tokens, info.tokensRemaining(), info.tokensReset());
  }

  private void adapt(RateBucket bucket, Long remaining, Instant reset) {
    if (remaining == null) {
      return;
    }
    if (bucket != null) {
      bucket.capTo(remaining);
    }
    if (remaining <= 0 && reset != null) {
      long delta = Duration.between(time.now(), reset).toNanos();
      if (delta > 0) {
        pauseFor(Duration.ofNanos(delta));
      }
    }
  }
}
