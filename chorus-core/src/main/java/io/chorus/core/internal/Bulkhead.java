package io.chorus.core.internal;

import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A concurrency limit with priority admission: when full, the waiting call with the highest
 * priority gets the next free slot, ties first come first served. A released slot is handed
 * directly to that waiter, so a late arrival can never overtake the queue.
 *
 * <p>The hand-over sets the waiter's flag under the lock and unparks it after: the woken waiter
 * does not need the lock again, which keeps a burst of a thousand releases from contending on it.
 *
 * <p>Thread-safe; waiting is interruptible and never pins a carrier (a lock and park, no monitors).
 */
final class Bulkhead {
  private final ReentrantLock lock = new ReentrantLock();
  private final int limit;
  private final PriorityQueue<Waiter> queue =
      new PriorityQueue<>(
          (a, b) ->
              a.priority != b.priority
                  ? Integer.compare(b.priority, a.priority)
                  : Long.compare(a.seq, b.seq));
  private int used;
  private int waiting;
  private long seq;

  Bulkhead(int limit) {
    this.limit = limit;
  }

  private static final class Waiter {
    final int priority;
    final long seq;
    final Thread thread;
    volatile boolean admitted;
    boolean abandoned;

    Waiter(int priority, long seq, Thread thread) {
      this.priority = priority;
      this.seq = seq;
      this.thread = thread;
    }
  }

  void acquire(int priority) throws InterruptedException {
    Waiter w;
    lock.lock();
    try {
      if (waiting == 0 && used < limit) {
        used++;
        return;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      w = new Waiter(priority, seq++, Thread.currentThread());
      queue.add(w);
      waiting++;
    } finally {
      lock.unlock();
    }
    while (!w.admitted) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        lock.lock();
        try {
          if (w.admitted) {
            Thread next = handOver(); // we were given the slot as we gave up: pass it on
            if (next != null) {
              LockSupport.unpark(next);
            }
          } else {
            // left in the queue and skipped later: removing from a heap is O(n)
            w.abandoned = true;
            waiting--;
          }
        } finally {
          lock.unlock();
        }
        throw new InterruptedException();
      }
    }
  }

  /** Takes a slot only if one is free and nobody waits. */
  boolean tryAcquire() {
    lock.lock();
    try {
      if (waiting == 0 && used < limit) {
        used++;
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  void release() {
    Thread wake;
    lock.lock();
    try {
      wake = handOver();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      LockSupport.unpark(wake);
    }
  }

  /** Gives the slot to the next live waiter (returning its thread to unpark), or frees it. */
  private Thread handOver() {
    Waiter next;
    while ((next = queue.poll()) != null) {
      if (!next.abandoned) {
        next.admitted = true;
        waiting--;
        return next.thread;
      }
    }
    used--;
    return null;
  }

  int inUse() {
    lock.lock();
    try {
      return used;
    } finally {
      lock.unlock();
    }
  }

  int queued() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }
}
