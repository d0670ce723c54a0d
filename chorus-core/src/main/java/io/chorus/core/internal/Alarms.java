package io.chorus.core.internal;

import io.chorus.core.Sleeper;
import io.chorus.core.TimeSource;
import java.time.Duration;
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
 *
 * <p>Given a thread factory and a {@link Sleeper} (an engine built with {@code threads(..)}, e.g.
 * on a scheduling fake clock), the thread instead sleeps through the sleeper until the next alarm
 * is due, and a new earlier alarm interrupts that sleep: the alarms then wake in time order with
 * every other sleeper of the clock, one at a time, rather than up to a tick after the clock passed
 * them.
 */
public final class Alarms {
  private static final Logger log = LoggerFactory.getLogger(Alarms.class);
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final TimeSource time;
  private final String threadName;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final java.util.concurrent.ThreadFactory threads;
  private final Sleeper sleeper;

  /**
   * While the worker sleeps through {@link #sleeper}: the clock time it sleeps until; else {@link
   * Long#MAX_VALUE}.
   */
  private long sleepingUntil = Long.MAX_VALUE;

  private final PriorityQueue<Alarm> queue =
      new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
  private final AtomicInteger cancelled = new AtomicInteger();
  private Thread worker;
  private boolean shutdown;

  public Alarms(TimeSource time) {
    this(time, "chorus-alarms");
  }

  public Alarms(TimeSource time, String threadName) {
    this(time, threadName, null, null);
  }

  /**
   * Alarms whose thread comes from {@code threads} and waits through {@code sleeper} (both
   * non-null), or, with nulls, a daemon platform thread that polls the clock.
   */
  public Alarms(
      TimeSource time,
      String threadName,
      java.util.concurrent.ThreadFactory threads,
      Sleeper sleeper) {
    this.time = time;
    this.threadName = threadName;
    this.threads = threads;
    this.sleeper = threads == null ? null : sleeper;
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
        if (sleeper != null) {
          wakeIfSleepingFor(
              at); // or the worker would sleep on to a deadline that no longer matters
        }
      }
    }
  }

  /**
   * Runs {@code action} on the alarm thread once the clock's {@code nanoTime()} reaches {@code
   * atNanos}.
   */
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
        if (sleeper == null) {
          worker = Thread.ofPlatform().daemon().name(threadName).start(this::loop);
        } else {
          worker = threads.newThread(this::sleeperLoop);
          worker.setName(threadName);
          worker.start();
        }
      }
      if (queue.peek() == alarm) {
        changed.signal();
        if (sleeper != null && atNanos < sleepingUntil && sleepingUntil != Long.MAX_VALUE) {
          worker.interrupt(); // it sleeps past the new alarm: wake it to sleep less
        }
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

  private void wakeIfSleepingFor(long at) {
    lock.lock();
    try {
      if (sleepingUntil == at && worker != null) {
        worker.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The worker of the sleeper mode: sleeps until the next alarm, fires it, and so on. */
  private void sleeperLoop() {
    while (true) {
      Alarm due = null;
      long wait = 0;
      lock.lock();
      try {
        if (shutdown) {
          return;
        }
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
        if (remaining <= 0) {
          queue.poll();
          head.done = true;
          due = head;
        } else {
          wait = remaining;
          sleepingUntil = head.at;
        }
      } catch (InterruptedException e) {
        continue; // an alarm was scheduled, or shutdown: look again
      } finally {
        lock.unlock();
      }
      if (due != null) {
        try {
          due.action.run();
        } catch (RuntimeException e) {
          log.warn("alarm action failed", e);
        }
        continue;
      }
      try {
        sleeper.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        // an earlier alarm was scheduled, or shutdown: look again
      } finally {
        lock.lock();
        try {
          sleepingUntil = Long.MAX_VALUE;
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** Drops every pending alarm and stops the thread; later alarms never fire. */
  public void shutdown() {
    lock.lock();
    try {
      shutdown = true;
      queue.clear();
      changed.signalAll();
      if (sleeper != null && worker != null) {
        worker.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Alarms scheduled and neither fired nor cancelled (tests wait on it before moving a fake clock).
   */
  public int pending() {
    lock.lock();
    try {
      return (int) queue.stream().filter(a -> !a.done).count();
    } finally {
      lock.unlock();
    }
  }
}
