package io.chorus.sim.internal;

import io.chorus.sim.RateLimits;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Token buckets per (key, model): requests, input tokens and output tokens. Each bucket starts
 * full, holds at most its per-minute limit and refills continuously at limit/60 per second. Output
 * tokens are debited when the answer is decided and may drive the bucket below zero, which then
 * delays later requests until it refills (as providers bill output after the fact). Thread-safe.
 */
final class RateLimiter {
  /** The state of one bucket set, for headers. Durations are until the bucket is full again. */
  record Snapshot(
      RateLimits limits,
      long requestsRemaining,
      Duration requestsReset,
      long inputRemaining,
      Duration inputReset,
      long outputRemaining,
      Duration outputReset) {}

  /** The result of admitting one request; {@code retryAfter} is null when admitted. */
  record Admission(Snapshot snapshot, Duration retryAfter, String exhausted) {
    boolean admitted() {
      return retryAfter == null;
    }
  }

  private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();
  private final java.util.function.LongSupplier nanoTime;

  RateLimiter(java.util.function.LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  void reset() {
    buckets.clear();
  }

  /** Takes one request and {@code inputTokens} when available; otherwise says how long to wait. */
  Admission admit(String key, RateLimits limits, long inputTokens, long outputTokens) {
    Buckets b = buckets.computeIfAbsent(key, k -> new Buckets(limits, nanoTime.getAsLong()));
    return b.admit(limits, inputTokens, outputTokens, nanoTime.getAsLong());
  }

  /** The current state without taking anything. */
  Snapshot peek(String key, RateLimits limits) {
    Buckets b = buckets.computeIfAbsent(key, k -> new Buckets(limits, nanoTime.getAsLong()));
    return b.peek(limits, nanoTime.getAsLong());
  }

  private static final class Buckets {
    private final ReentrantLock lock = new ReentrantLock();
    private double requests;
    private double input;
    private double output;
    private long last;

    Buckets(RateLimits l, long now) {
      requests = l.requestsPerMinute();
      input = l.inputTokensPerMinute();
      output = l.outputTokensPerMinute();
      last = now;
    }

    private void refill(RateLimits l, long now) {
      double minutes = Math.max(0, now - last) / 60e9;
      last = now;
      requests = Math.min(l.requestsPerMinute(), requests + minutes * l.requestsPerMinute());
      input = Math.min(l.inputTokensPerMinute(), input + minutes * l.inputTokensPerMinute());
      output = Math.min(l.outputTokensPerMinute(), output + minutes * l.outputTokensPerMinute());
    }

    Admission admit(RateLimits l, long in, long out, long now) {
      lock.lock();
      try {
        refill(l, now);
        Duration wait = null;
        String which = null;
        if (requests < 1) {
          wait = until(1 - requests, l.requestsPerMinute());
          which = "requests";
        } else if (input < Math.min(in, l.inputTokensPerMinute())) {
          wait = until(Math.min(in, l.inputTokensPerMinute()) - input, l.inputTokensPerMinute());
          which = "input tokens";
        } else if (output < 1) {
          wait = until(1 - output, l.outputTokensPerMinute());
          which = "output tokens";
        }
        if (wait == null) {
          requests -= 1;
          input -= in;
          output -= out;
        }
        return new Admission(snapshot(l), wait, which);
      } finally {
        lock.unlock();
      }
    }

    Snapshot peek(RateLimits l, long now) {
      lock.lock();
      try {
        refill(l, now);
        return snapshot(l);
      } finally {
        lock.unlock();
      }
    }

    private Snapshot snapshot(RateLimits l) {
      return new Snapshot(
          l,
          (long) Math.max(0, Math.floor(requests)),
          until(l.requestsPerMinute() - requests, l.requestsPerMinute()),
          (long) Math.max(0, Math.floor(input)),
          until(l.inputTokensPerMinute() - input, l.inputTokensPerMinute()),
          (long) Math.max(0, Math.floor(output)),
          until(l.outputTokensPerMinute() - output, l.outputTokensPerMinute()));
    }

    /** Time to refill {@code missing} units at {@code perMinute}. */
    private static Duration until(double missing, long perMinute) {
      if (missing <= 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil(missing * 60e9 / perMinute));
    }
  }
}
