package io.chorus.testing;

import io.chorus.core.Sleeper;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when told, and a scheduler of the threads that sleep on it: each {@link
 * #sleep(Duration)} waits until the clock reaches that sleeper's own wake-up time, and sleepers
 * wake one at a time in time order (those due at the same instant in the order they went to sleep).
 * Give it to {@code Engine.Builder.time(..)}, {@code .sleeper(..)} and {@code .threads(..)}: retry,
 * backoff, hedging, breaker, rate-limit and deadline logic then runs in microseconds, in an order
 * that does not depend on thread scheduling.
 *
 * <h2>When the clock moves</h2>
 *
 * <ul>
 *   <li>By itself ({@linkplain #FakeClock() the default}): whenever every thread it knows is idle
 *       and someone sleeps, it jumps to the earliest wake-up time and wakes that sleeper; then it
 *       waits until the threads are idle again before the next. A test that calls the engine and
 *       waits for the outcome needs nothing else.
 *   <li>Only when the test says so ({@link #manual()}): {@link #advance(Duration)} moves the clock,
 *       waking every sleeper due on the way in time order, each after the threads are idle, and
 *       returns once they are idle at the new time; {@link #runUntilIdle()} waits without moving
 *       time. Tests that look between steps ("after 1 s nothing has hedged yet") use this.
 * </ul>
 *
 * <h2>Which threads it knows</h2>
 *
 * As a {@link ThreadFactory} it makes virtual threads and watches them: one is idle while it sleeps
 * on this clock or is blocked (waiting for a lock, a condition, a latch, or a fake reply that
 * hangs), busy while it runs. The engine takes its threads from the factory given to {@code
 * Engine.Builder.threads(..)}; with it every call, fan-out and stream runs on those threads (the
 * caller waits), so the clock knows everything the engine does. Threads it did not make (the test's
 * own, an HTTP client's) are not watched: without {@code threads(clock)} it knows none, and a sleep
 * wakes as soon as it is the earliest, whatever other threads are doing.
 *
 * <p>Idleness is read from {@link Thread#getState()} twice, a few microseconds of real time apart,
 * before the clock moves: a virtual thread that another one just released reads as runnable at
 * once, so a chain of hand-offs between watched threads never looks idle. Thread-safe.
 *
 * {@snippet :
 * FakeClock clock = new FakeClock();
 * Engine engine = Engine.builder().provider(fake).time(clock).sleeper(clock).threads(clock).seed(1).build();
 * engine.call(request);                  // a 500 then a success: one jittered backoff
 * assertThat(clock.sleeps()).hasSize(1);  // slept on the fake clock, in no real time
 * }
 *
 * <p>The model is OkHttp's {@code TaskFaker}; this is a smaller thing for a smaller need.
 */
public final class FakeClock implements TimeSource, Sleeper, ThreadFactory {
  /** Where a new clock starts: 2026-01-01T00:00:00Z. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  /** How long (real time) a waiting thread waits between looks at the watched threads. */
  private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Instant start;
  private final boolean manual;
  private volatile long nanos;
  private long sequence;
  private final List<Duration> sleeps = new ArrayList<>();
  private final PriorityQueue<Sleep> sleeping =
      new PriorityQueue<>(
          (a, b) ->
              a.wakeAt != b.wakeAt
                  ? Long.compare(a.wakeAt, b.wakeAt)
                  : Long.compare(a.order, b.order));

  /** The sleeper woken last, until it runs again; the clock waits for it. */
  private Sleep handingOff;

  /**
   * Threads about to register a sleep (waiting for the lock): the clock must not move past them.
   */
  private final AtomicInteger entering = new AtomicInteger();

  private final Set<Thread> watched = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threadNumber = new AtomicInteger();

  private static final class Sleep {
    final long wakeAt;
    final long order;
    final Thread thread;
    boolean woken;

    Sleep(long wakeAt, long order, Thread thread) {
      this.wakeAt = wakeAt;
      this.order = order;
      this.thread = thread;
    }
  }

  /** A clock at {@link #EPOCH} that moves by itself whenever its threads are idle. */
  public FakeClock() {
    this(EPOCH, false);
  }

  /** A clock at {@code start} that moves by itself whenever its threads are idle. */
  public FakeClock(Instant start) {
    this(start, false);
  }

  private FakeClock(Instant start, boolean manual) {
    this.start = start;
    this.manual = manual;
  }

  /** A clock at {@link #EPOCH} that moves only by {@link #advance(Duration)}. */
  public static FakeClock manual() {
    return new FakeClock(EPOCH, true);
  }

  @Override
  public Instant now() {
    return start.plusNanos(nanos);
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  /** A new, unstarted virtual thread that this clock watches (see the class comment). */
  @Override
  public Thread newThread(Runnable task) {
    Thread t =
        Thread.ofVirtual()
            .name("fake-clock-" + threadNumber.incrementAndGet())
            .unstarted(
                () -> {
                  try {
                    task.run();
                  } finally {
                    watched.remove(Thread.currentThread());
                    signal();
                  }
                });
    watched.add(t);
    return t;
  }

  /**
   * Waits until the clock reaches now + {@code d} (at once for zero or less) and records the sleep.
   * On a clock that moves by itself this happens as soon as every watched thread is idle and no
   * earlier sleeper is left.
   *
   * @throws InterruptedException when interrupted before or while sleeping (the sleep is dropped)
   */
  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a fake sleep of " + d);
    }
    entering.incrementAndGet();
    lock.lock();
    Sleep s;
    try {
      entering.decrementAndGet();
      sleeps.add(d);
      if (!d.isPositive()) {
        return;
      }
      s = new Sleep(nanos + d.toNanos(), sequence++, Thread.currentThread());
      sleeping.add(s);
      changedLocked();
      try {
        while (!s.woken) {
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted during a fake sleep of " + d);
          }
          if (!manual && readyToMove(s)) {
            wakeNext();
          } else {
            pause(POLL_NANOS);
          }
        }
      } catch (InterruptedException e) {
        Thread.interrupted(); // taken here, under the lock, once the sleep is given up
        sleeping.remove(s);
        if (handingOff == s) {
          handingOff = null;
        }
        changedLocked();
        throw e;
      }
      if (handingOff == s) {
        handingOff = null; // running again: the clock may look at the threads
      }
      changedLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves the clock forward by {@code d}: every sleeper due by then wakes in time order, the clock
   * standing at its wake-up time, each once the watched threads are idle; returns when they are
   * idle at the new time. A clock that moves by itself may then already be further.
   *
   * @throws IllegalArgumentException for a negative duration
   */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back: " + d);
    }
    lock.lock();
    try {
      long target = nanos + d.toNanos();
      while (true) {
        awaitIdle();
        Sleep head = sleeping.peek();
        if (head == null || head.wakeAt > target) {
          break;
        }
        wakeNext();
      }
      if (nanos < target) {
        nanos = target;
      }
      changedLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Waits (real time) until every watched thread is idle; the clock does not move. */
  public void runUntilIdle() {
    lock.lock();
    try {
      awaitIdle();
    } finally {
      lock.unlock();
    }
  }

  /** Sleepers waiting for the clock, now. */
  public int sleepersWaiting() {
    lock.lock();
    try {
      return sleeping.size();
    } finally {
      lock.unlock();
    }
  }

  /** Every sleep so far, in the order they began. */
  public List<Duration> sleeps() {
    lock.lock();
    try {
      return List.copyOf(sleeps);
    } finally {
      lock.unlock();
    }
  }

  /** The sum of every sleep so far. */
  public Duration totalSlept() {
    return sleeps().stream().reduce(Duration.ZERO, Duration::plus);
  }

  /** Time passed since the clock was created. */
  public Duration elapsed() {
    return Duration.ofNanos(nanoTime());
  }

  // ---- under the lock ----

  /** Wakes the earliest sleeper, moving the clock to its time. */
  private void wakeNext() {
    Sleep head = sleeping.poll();
    if (head.wakeAt > nanos) {
      nanos = head.wakeAt;
    }
    head.woken = true;
    handingOff = head;
    changedLocked();
  }

  /** Whether {@code self}, sleeping, may move the clock now: it is the earliest or all are idle. */
  private boolean readyToMove(Sleep self) throws InterruptedException {
    if (sleeping.peek() == null || !idle()) {
      return false;
    }
    // look twice, a moment apart: a thread released by another is runnable by then
    pause(POLL_NANOS / 4);
    return !self.woken && sleeping.peek() != null && idle();
  }

  /**
   * A sleeper's wait: lets go of the lock and parks. Not {@code changed.awaitNanos}: a condition
   * wait consumes an interrupt before it has the lock back, and for that moment an interrupted
   * sleeper looked like one still waiting, so the clock moved to a cancelled sleep's wake-up time
   * (a losing hedge ended its call 50 ms late). {@code parkNanos} leaves the interrupt set until
   * the sleeper itself takes it under the lock, so {@link #idle()} sees it. Woken early by {@link
   * #wakeNext()}.
   */
  private void pause(long nanos) throws InterruptedException {
    lock.unlock();
    try {
      LockSupport.parkNanos(this, nanos);
    } finally {
      lock.lock();
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("interrupted during a fake sleep");
    }
  }

  private void awaitIdle() {
    boolean interrupted = false;
    while (true) {
      try {
        if (idle()) {
          changed.awaitNanos(POLL_NANOS / 4);
          if (idle()) {
            break;
          }
        } else {
          changed.awaitNanos(POLL_NANOS);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * No sleeper is being handed off, none is registering, and every watched thread is blocked or
   * sleeping.
   */
  private boolean idle() {
    if (handingOff != null || entering.get() > 0) {
      return false;
    }
    Thread self = Thread.currentThread();
    for (Thread t : watched) {
      if (t == self) {
        continue; // the thread moving the clock (advance from an engine thread) is not waited for
      }
      Thread.State state = t.getState();
      if (state == Thread.State.TERMINATED) {
        watched.remove(t);
      } else if (state == Thread.State.RUNNABLE || state == Thread.State.NEW) {
        if (!isSleeping(t)) {
          return false;
        }
      }
      if (t.isInterrupted() && isSleeping(t)) {
        return false; // an interrupted sleeper is about to leave its sleep: not idle yet
      }
    }
    return true;
  }

  private boolean isSleeping(Thread t) {
    for (Sleep s : sleeping) {
      if (s.thread == t) {
        return true;
      }
    }
    return false;
  }

  /** Under the lock: wakes the test's waiters and every sleeper to look again. */
  private void changedLocked() {
    changed.signalAll();
    for (Sleep s : sleeping) {
      LockSupport.unpark(s.thread);
    }
    if (handingOff != null) {
      LockSupport.unpark(handingOff.thread);
    }
  }

  private void signal() {
    lock.lock();
    try {
      changedLocked();
    } finally {
      lock.unlock();
    }
  }
}
