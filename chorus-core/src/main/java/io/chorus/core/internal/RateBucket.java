package io.chorus.core.internal;

import io.chorus.core.TimeSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket over one minute: capacity {@code perMinute}, refilled continuously.
 *
 * <p>Hand-written rather than Bucket4j because the engine needs four things together: a
 * reservation may drive the level into debt (the caller then waits its turn, which keeps order and
 * fairness without a queue), the reservation is reconciled afterwards with the tokens actually used
 * (refund or extra debt), the level adapts to the provider's {@code remaining} headers, and time is
 * the engine's injected clock so that tests run on a fake one.
 *
 * <p>Thread-safe.
 */
final class RateBucket {
  private static final double NANOS_PER_MINUTE = 60e9;

  private final ReentrantLock lock = new ReentrantLock();
  private final TimeSource time;
  private final double capacity;
  private final double perNano;
  private double level;
  private long last;

  RateBucket(TimeSource time, double perMinute) {
    this.time = time;
    this.capacity = perMinute;
    this.perNano = perMinute / NANOS_PER_MINUTE;
    this.level = perMinute;
    this.last = time.nanoTime();
  }

  private void refill(long now) {
    if (now > last) {
      level = Math.min(capacity, level + (now - last) * perNano);
      last = now;
    }
  }

  /** Takes {@code amount} now, possibly into debt; returns the nanoseconds to wait before using it. */
  long reserve(double amount) {
    lock.lock();
    try {
      long now = time.nanoTime();
      refill(now);
      level -= amount;
      return level >= 0 ? 0 : (long) Math.ceil(-level / perNano);
    } finally {
      lock.unlock();
    }
  }

  /** Takes {@code amount} only if it needs no wait. */
  boolean tryReserve(double amount) {
    lock.lock();
    try {
      refill(time.nanoTime());
      if (level >= amount) {
        level -= amount;
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Gives back (positive) or takes more (negative) after the real cost is known. */
  void adjust(double delta) {
    lock.lock();
    try {
      refill(time.nanoTime());
      level = Math.min(capacity, level + delta);
    } finally {
      lock.unlock();
    }
  }

  /** The provider says only {@code remaining} are left: believe it when lower. */
  void capTo(double remaining) {
    lock.lock();
    try {
      refill(time.nanoTime());
      level = Math.min(level, remaining);
    } finally {
      lock.unlock();
    }
  }

  double level() {
    lock.lock();
    try {
      refill(time.nanoTime());
      return level;
    } finally {
      lock.unlock();
    }
  }

  double capacity() {
    return capacity;
  }
}
