package io.chorus.core.internal;

import io.chorus.core.CallEvent;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Outcome;
import io.chorus.core.OutcomeSink;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.StreamSummary;
import io.chorus.core.Task;
import io.chorus.core.Usage;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fan-out that forwards: each outcome goes to the caller's sink and is forgotten (see {@link
 * CollectingScope} for the fan-out that keeps them all, and why they are two).
 *
 * <p>An unbounded fan-out ({@link io.chorus.core.Engine#stream}): the caller's thread takes the
 * next task from the iterator only when one of {@code window} slots is free, each task runs on its
 * own virtual thread, and its outcome goes to the sink on that thread before the slot is freed.
 * Unlike {@link CollectingScope}, nothing is kept per task once it has finished (no outcome array),
 * so memory is bounded by the window, whatever the iterator yields.
 *
 * @param <T> what each task produces
 */
final class ForwardingScope<T> {

  /** The work of one task, run on its own thread under {@code slot}. */
  interface Body<T> {
    Outcome<T> run(Task<T> task, int index, Control slot, Instant queuedAt);
  }

  private final RealEngine engine;
  private final String runId;
  private final String label;
  private final FailurePolicy policy;
  private final Control parent;
  private final ScopeDeadline deadline;
  private final int window;
  private final OutcomeSink<T> sink;
  private Body<T> body;

  private final Set<Control> active = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition slotFree = lock.newCondition();
  private int running;
  private long started;
  private long succeeded;
  private long failed;
  private Usage usage = Usage.ZERO;
  private double cost;
  private String failure;
  private Stop stopping;
  private RuntimeException sinkError;

  ForwardingScope(
      RealEngine engine,
      String runId,
      RunOptions ro,
      Control parent,
      RetryBudget budget,
      int window,
      OutcomeSink<T> sink) {
    this.engine = engine;
    this.runId = runId;
    this.label = ro.label();
    this.policy =
        ro.policy()
            .base(); // failedIf/stopWhen refinements apply to run and callAll, not to streams
    this.parent = parent;
    this.deadline = new ScopeDeadline(engine, parent, ro.deadline(), budget);
    this.window = window;
    this.sink = sink;
  }

  Instant deadlineInstant() {
    return deadline.instant();
  }

  StreamSummary execute(Iterator<? extends Task<T>> tasks, Body<T> body) {
    this.body = body;
    Instant startedAt = engine.time.now();
    engine.events.runStart(runId, label, 0);
    Alarms.Alarm alarm = deadline.arm(s -> stop(s, null));
    boolean interrupted = false;
    try {
      while (true) {
        lock.lock();
        try {
          while (running >= window && stopping == null && sinkError == null) {
            slotFree.await();
          }
          if (stopping != null || sinkError != null) {
            break;
          }
        } finally {
          lock.unlock();
        }
        if (engine.admissionStopped()) {
          if (engine.isClosed()) {
            stop(Stop.cancelled(engine.admissionStoppedReason()), null);
          } else {
            // shut down (Ctrl-C): no more tasks, but those running keep the grace the engine gives
            // them; the engine itself cancels them when it passes
            noteFailure(engine.admissionStoppedReason());
          }
          break;
        }
        Stop up = parent != null ? parent.stopped() : null;
        if (up != null) {
          stop(up, null);
          break;
        }
        if (!tasks.hasNext()) {
          break;
        }
        Task<T> task = tasks.next();
        long index;
        lock.lock();
        try {
          index = started++;
          running++;
        } finally {
          lock.unlock();
        }
        launch(task, index, engine.time.now());
      }
    } catch (InterruptedException e) {
      interrupted = true;
      stop(Stop.cancelled("the stream's caller was interrupted"), null);
    } catch (RuntimeException e) {
      // the iterator failed: nothing more can be admitted; what runs finishes, then the caller sees
      // it
      recordSinkError(e);
    }
    lock.lock();
    try {
      while (running > 0) {
        try {
          slotFree.await();
        } catch (InterruptedException e) {
          interrupted = true;
          lock.unlock();
          try {
            stop(Stop.cancelled("the stream's caller was interrupted"), null);
          } finally {
            lock.lock();
          }
        }
      }
    } finally {
      lock.unlock();
    }
    if (alarm != null) {
      alarm.cancel();
    }
    Instant endedAt = engine.time.now();
    StreamSummary summary;
    lock.lock();
    try {
      summary =
          new StreamSummary(
              runId, started, succeeded, failed, usage, cost, startedAt, endedAt, failure);
    } finally {
      lock.unlock();
    }
    engine.events.runEnd(
        runId, new RunResult<>(runId, List.of(), policy, startedAt, endedAt, summary.failure()));
    if (parent != null) {
      parent.addChild(summary.usage(), summary.costUsd());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (sinkError != null) {
      throw sinkError;
    }
    return summary;
  }

  private void launch(Task<T> task, long index, Instant queuedAt) {
    Control c = deadline.slot();
    active.add(c);
    lock.lock();
    try {
      if (stopping != null) {
        c.stop(stopping);
      }
    } finally {
      lock.unlock();
    }
    CallEvent queued =
        new CallEvent(runId, runId + "/" + index, (int) index, null, label, queuedAt);
    if (engine.events.any()) {
      engine.events.callQueued(queued);
    }
    Thread t = engine.newThread(() -> runSlot(task, index, c, queuedAt));
    c.bind(t);
    t.start();
  }

  private void runSlot(Task<T> task, long index, Control c, Instant queuedAt) {
    Outcome<T> o = null;
    try {
      try {
        o =
            ScopeDeadline.run(
                engine, c, runId, index, queuedAt, () -> body.run(task, (int) index, c, queuedAt));
      } finally {
        c.finish();
      }
      failFastAt(o);
      if (engine.events.any()) {
        engine.events.callEnd(
            new CallEvent(runId, runId + "/" + index, (int) index, null, label, engine.time.now()),
            o);
      }
      try {
        sink.accept(index, o);
      } catch (Exception e) {
        // stop admitting, but let the tasks in flight finish: their results may still be kept
        recordSinkError(
            e instanceof RuntimeException re
                ? re
                : new IllegalStateException("stream sink failed: " + e.getMessage(), e));
      }
    } finally {
      active.remove(c);
      complete(o);
    }
  }

  /**
   * Under fail-fast, stops admission the moment a task's outcome is known to be a failure, before
   * its listener events and its sink run: a slow failure path (the first error logged, a slow sink)
   * must not leave the other slots admitting tasks meanwhile (StreamTest saw 800 more admitted).
   */
  private void failFastAt(Outcome<T> o) {
    if (o == null || o.isSuccess() || !(policy instanceof FailurePolicy.FailFast)) {
      return;
    }
    String why;
    lock.lock();
    try {
      if (stopping != null) {
        return;
      }
      why = "a task failed: " + o.errorMessage();
    } finally {
      lock.unlock();
    }
    stop(Stop.cancelled("fail-fast: a task failed"), why);
  }

  private void complete(Outcome<T> o) {
    Stop stopWith = null;
    lock.lock();
    try {
      running--;
      if (o != null) {
        if (o.isSuccess()) {
          succeeded++;
        } else {
          failed++;
          if (policy instanceof FailurePolicy.FailFast && stopping == null) {
            failure = "a task failed: " + o.errorMessage();
            stopWith = Stop.cancelled("fail-fast: a task failed");
          }
        }
        usage = usage.plus(o.timeline().usage());
        cost += o.timeline().costUsd();
      }
      slotFree.signalAll();
    } finally {
      lock.unlock();
    }
    if (stopWith != null) {
      stop(stopWith, failure);
    }
  }

  private void recordSinkError(RuntimeException e) {
    lock.lock();
    try {
      if (sinkError == null) {
        sinkError = e;
      }
      slotFree.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops admitting and stops every task in flight (first stop wins). */
  private void noteFailure(String why) {
    lock.lock();
    try {
      if (failure == null) {
        failure = why;
      }
    } finally {
      lock.unlock();
    }
  }

  private void stop(Stop s, String why) {
    lock.lock();
    try {
      if (stopping == null) {
        stopping = s;
        if (failure == null) {
          failure = why != null ? why : s.reason();
        }
      }
      slotFree.signalAll();
    } finally {
      lock.unlock();
    }
    for (Control c : active) {
      c.stop(s);
    }
  }
}
