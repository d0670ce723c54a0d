package io.chorus.core.internal;

import io.chorus.core.TimeSource;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires actions when an injected clock passes a deadline: the engine's attempt timeouts and call
 * and run deadlines, and the providers' stream watchdog (first-token and idle timeouts). One daemon
 * thread per instance. Public for the providers module only; not API.
 *
 * <p>Why it polls: the clock is injected, and a fake clock moves only when a test or a fake sleep
 * advances it, so the thread cannot just sleep until the deadline. It waits at most {@link
 * #TICK_NANOS} between looks, which is exact enough for LLM deadlines and costs nothing measurable.
 */
public final class Alarms {
  private static final Logger log = LoggerFactory.getLogger(Alarms.class);
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final TimeSource time;
  private final String threadName;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Alarm> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
  private final AtomicInteger cancelled = new AtomicInteger();
  private Thread worker;
  private boolean shutdown;

  public Alarms(TimeSource time) {
    this(time, "chorus-alarms");
  }

  public Alarms(TimeSource time, String threadName) {
    this.time = time;
    this.threadName = threadName;
  }

  /** One scheduled action; {@link #cancel()} is cheap and idempotent. */
  public final class Alarm {
    final long at;
    final Runnable action;
    private volatile boolean done;

    Alarm(long at, Runnable action) {
      this.at = at;
      this.action = action;
    }

    public void cancel() {
      if (!done) {
        done = true;
        cancelled.incrementAndGet();
      }
    }
  }

  /** Runs {@code action} on the alarm thread once the clock's {@code nanoTime()} reaches {@code atNanos}. */
  public Alarm schedule(long atNanos, Runnable action) {
    Alarm alarm = new Alarm(atNanos, action);
    lock.lock();
    try {
      if (shutdown) {
        alarm.done = true;
        return alarm;
      }
      // lazy deletion keeps cancel O(1); purge when cancelled entries dominate
      int c = cancelled.get();
      if (c > 1024 && c > queue.size() / 2) {
        queue.removeIf(a -> a.done);
        cancelled.set(0);
      }
      queue.add(alarm);
      if (worker == null) {
        worker = Thread.ofPlatform().daemon().name(threadName).start(this::loop);
      }
      if (queue.peek() == alarm) {
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
    return alarm;
  }

  private void loop() {
    lock.lock();
    try {
      while (!shutdown) {
        Alarm head = queue.peek();
        if (head == null) {
          changed.await();
          continue;
        }
        if (head.done) {
          queue.poll();
          continue;
        }
        long remaining = head.at - time.nanoTime();
        if (remaining > 0) {
          changed.awaitNanos(Math.min(remaining, TICK_NANOS));
          continue;
        }
        queue.poll();
        head.done = true;
        lock.unlock();
        try {
          head.action.run();
        } catch (RuntimeException e) {
          log.warn("alarm action failed", e);
        } finally {
          lock.lock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Drops every pending alarm and stops the thread; later alarms never fire. */
  public void shutdown() {
    lock.lock();
    try {
      shutdown = true;
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Alarms scheduled and neither fired nor cancelled (tests wait on it before moving a fake clock). */
  public int pending() {
    lock.lock();
    try {
      return (int) queue.stream().filter(a -> !a.done).count();
    } finally {
      lock.unlock();
    }
  }
}
