package io.chorus.core.internal;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last few hundred latencies of a model, for quantile hedge delays: successes, and the time a
 * hedge race's loser ran before it was cancelled (a lower bound of its latency). Thread-safe.
 */
final class LatencyWindow {
  private static final int SIZE = 256;
  private final ReentrantLock lock = new ReentrantLock();
  private final long[] nanos = new long[SIZE];
  private int head;
  private int count;

  void record(long latencyNanos) {
    lock.lock();
    try {
      nanos[head] = latencyNanos;
      head = (head + 1) % SIZE;
      count = Math.min(SIZE, count + 1);
    } finally {
      lock.unlock();
    }
  }

  int samples() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The {@code q} quantile in nanoseconds (nearest rank), or -1 with fewer than {@code min}
   * samples.
   */
  long quantile(double q, int min) {
    long[] copy;
    lock.lock();
    try {
      if (count == 0 || count < min) {
        return -1;
      }
      copy = Arrays.copyOf(nanos, count);
    } finally {
      lock.unlock();
    }
    Arrays.sort(copy);
    int rank = (int) Math.ceil(q * copy.length) - 1;
    return copy[Math.max(0, Math.min(copy.length - 1, rank))];
  }
}
