package io.chorus.core.internal;

import io.chorus.core.TimeSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket over one minute: capacity {@code perMinute}, refilled continuously.
 *
 * <p>Headroom: the level never rises above {@code perMinute × (1 − headroom)}, while it refills at
 * the full rate. The provider's bucket started when our first request reached it, a few
 * milliseconds after ours, so a client pacing at exactly the limit sends some requests a little
 * before the provider has refilled for them, and any request that travels faster than the first one
 * is refused with a 429. Keeping {@code headroom × perMinute} below the top leaves the provider
 * that much in hand in the steady state (0.6 s of refill for a headroom of 1%), which absorbs that
 * jitter, and costs one burst of that size once, not a share of the rate.
 *
 * <p>Hand-written rather than Bucket4j because the engine needs four things together: a reservation
 * may drive the level into debt (the caller then waits its turn, which keeps order and fairness
 * without a queue), the reservation is reconciled afterwards with the tokens actually used (refund
 * or extra debt), the level adapts to the provider's {@code remaining} headers, and time is the
 * engine's injected clock so that tests run on a fake one.
 *
 * <p>Thread-safe.
 */
final class RateBucket {
  private static final double NANOS_PER_MINUTE = 60e9;

  private final ReentrantLock lock = new ReentrantLock();
  private final TimeSource time;
  private final double capacity;
  private final double top;
  private final double perNano;
  private double level;
  private long last;

  /** A bucket without headroom. */
  RateBucket(TimeSource time, double perMinute) {
    this(time, perMinute, 0);
  }

  /**
   * @param headroom the fraction of {@code perMinute} kept below the top, in [0, 0.5]
   */
  RateBucket(TimeSource time, double perMinute, double headroom) {
    if (headroom < 0 || headroom > 0.5) {
      throw new IllegalArgumentException("headroom must be in [0, 0.5], was " + headroom);
    }
    this.time = time;
    this.capacity = perMinute;
    this.top = perMinute * (1 - headroom);
    this.perNano = perMinute / NANOS_PER_MINUTE;
    this.level = top;
    this.last = time.nanoTime();
  }

  private void refill(long now) {
    if (now > last) {
      level = Math.min(top, level + (now - last) * perNano);
      last = now;
    }
  }

  /**
   * Takes {@code amount} now, possibly into debt; returns the nanoseconds to wait before using it.
   */
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
      level = Math.min(top, level + delta);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The provider says only {@code remaining} are left: believe it when lower, keeping the headroom.
   */
  void capTo(double remaining) {
    lock.lock();
    try {
      refill(time.nanoTime());
      level = Math.min(level, remaining - (capacity - top));
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

  /** The highest level: the capacity less the headroom. */
  double top() {
    return top;
  }
}
