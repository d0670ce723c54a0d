package io.chorus.core.internal;

import io.chorus.core.Budget;
import io.chorus.core.CallEvent;
import io.chorus.core.ChatRequest;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Outcome;
import io.chorus.core.RunProgress;
import io.chorus.core.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A fan-out that collects: over a list of tasks ({@link io.chorus.core.Engine#run}, {@code
 * callAll}), it keeps every outcome, in submission order, and judges the whole run with its failure
 * policy as tasks finish — quorum, require-all, {@code failedIf} and {@code stopWhen} all need the
 * outcomes so far. Its memory grows with the list, which the caller already holds. The other
 * fan-out, {@link ForwardingScope} ({@code Engine.stream}), forwards each outcome to a sink and
 * forgets it, so it can run an unbounded iterator in bounded memory but can judge only task by task
 * (fail-fast or ignore): two concepts, not two copies of one. Both share the deadline and
 * cancellation setup ({@link ScopeDeadline}).
 *
 * <p>A structured fan-out: one virtual thread per task, outcomes in submission order, the failure
 * policy applied as tasks finish, and a join that returns only when every task has finished or been
 * cancelled (a small task scope, since StructuredTaskScope is a preview API in Java 21).
 *
 * <p>At most {@code window} tasks hold a thread at once; the next starts when one finishes. A
 * fan-out of 50,000 calls behind a bulkhead of 64 would otherwise park 50,000 virtual threads, a
 * few kilobytes of stack each, which the collector copies again and again (measured: 150 MB live
 * and a third more CPU per call in the P2 benchmark). Tasks that have not started are still queued:
 * their {@code callQueued} event fires at once, and a stop reaches them when they start.
 *
 * @param <T> what each task produces
 */
final class CollectingScope<T> {

  /** The work of one task, run on its own thread under {@code slot}. */
  interface Body<T> {
    Outcome<T> run(Control slot, Instant queuedAt);
  }

  private final RealEngine engine;
  private final String runId;
  private final String label;
  private final FailurePolicy policy;

  /** The policy under its refinements: what fail-fast, quorum and require-all mean here. */
  private final FailurePolicy base;

  private final List<FailurePolicy.ResultCheck> checks = new ArrayList<>();
  private final List<FailurePolicy.StopWhen> conditions = new ArrayList<>();
  private final List<Body<T>> bodies;
  private final List<ChatRequest> requests;
  private final Control parent;
  private final ScopeDeadline deadline;
  private final int window;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition allDone = lock.newCondition();
  private final Outcome<T>[] outcomes;

  /** Per task, why the policy counted its successful value as a failure, or null. */
  private final @Nullable String[] judged;

  private final Control[] slots;
  private int done;
  private int launched;
  private int succeeded;
  private int failed;
  private String failure;
  private boolean stopping;

  @SuppressWarnings({"unchecked", "rawtypes"})
  CollectingScope(
      RealEngine engine,
      String runId,
      String label,
      FailurePolicy policy,
      List<Body<T>> bodies,
      List<ChatRequest> requests,
      Control parent,
      Duration deadline,
      RetryBudget budget,
      int window) {
    this.engine = engine;
    this.runId = runId;
    this.label = label;
    this.policy = policy;
    this.base = policy.base();
    for (FailurePolicy p = policy; p != base; ) {
      switch (p) {
        case FailurePolicy.FailedIf f -> {
          checks.add(f.check());
          p = f.base();
        }
        case FailurePolicy.StopWhen w -> {
          conditions.add(0, w); // innermost first: the order they were added in
          p = w.base();
        }
        default -> throw new IllegalStateException("unexpected refinement " + p);
      }
    }
    this.bodies = bodies;
    this.requests = requests;
    this.parent = parent;
    this.deadline = new ScopeDeadline(engine, parent, deadline, budget);
    this.window = Math.max(1, window);
    this.outcomes = new Outcome[bodies.size()];
    this.judged = new String[bodies.size()];
    this.slots = new Control[bodies.size()];
  }

  /** Why the policy counts {@code value} as a failure, or null when it does not. */
  @Nullable String judge(@Nullable Object value) {
    for (FailurePolicy.ResultCheck c : checks) {
      String why = c.failure(value);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /** The run's deadline on the wall clock, or null. */
  Instant deadlineInstant() {
    return deadline.instant();
  }

  private CallEvent event(int i, Instant at) {
    return new CallEvent(
        runId, runId + "/" + i, i, requests == null ? null : requests.get(i), label, at);
  }

  RunResult<T> execute() {
    int n = bodies.size();
    Instant startedAt = engine.time.now();
    engine.events.runStart(runId, label, n);
    for (int i = 0; i < n; i++) {
      slots[i] = deadline.slot();
      if (engine.events.any()) {
        engine.events.callQueued(event(i, startedAt));
      }
    }
    Alarms.Alarm alarm = deadline.arm(this::stopAll);
    if (base instanceof FailurePolicy.Quorum q && n < q.k()) {
      fail(
          "quorum of " + q.k() + " unreachable: the run has only " + n + " tasks",
          Stop.cancelled("quorum unreachable"));
    }
    if (engine.admissionStopped()) {
      stopAll(Stop.cancelled(engine.admissionStoppedReason()));
    }
    int first;
    lock.lock();
    try {
      first = Math.min(n, window);
      launched = first;
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < first; i++) {
      launch(i, startedAt);
    }
    boolean interrupted = false;
    lock.lock();
    try {
      while (done < n) {
        try {
          allDone.await();
        } catch (InterruptedException e) {
          interrupted = true;
          lock.unlock();
          try {
            Stop s = parent != null ? parent.stopped() : null;
            stopAll(s != null ? s : Stop.cancelled("the run's caller was interrupted"));
          } finally {
            lock.lock();
          }
        }
      }
      if (base instanceof FailurePolicy.RequireAll && failure == null) {
        failure = describeFailures();
      }
    } finally {
      lock.unlock();
    }
    if (alarm != null) {
      alarm.cancel();
    }
    RunResult<T> result =
        new RunResult<>(
            runId, Arrays.asList(outcomes), policy, startedAt, engine.time.now(), failure);
    engine.events.runEnd(runId, result);
    if (parent != null) {
      parent.addChild(result.usage(), result.costUsd());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  private void launch(int i, Instant queuedAt) {
    Thread t = engine.newThread(() -> runSlot(i, queuedAt));
    slots[i].bind(t);
    t.start();
  }

  private void runSlot(int i, Instant queuedAt) {
    Control c = slots[i];
    Outcome<T> o =
        ScopeDeadline.run(engine, c, runId, i, queuedAt, () -> bodies.get(i).run(c, queuedAt));
    try {
      c.finish();
    } finally {
      // in finally: whatever throws, the task's start gets its end and the run can still join
      if (engine.events.any()) {
        engine.events.callEnd(event(i, engine.time.now()), o);
      }
    }
    int next = complete(i, o);
    if (next >= 0) {
      launch(next, queuedAt);
    }
  }

  /** Records an outcome and applies the policy; returns the next task to start, or -1. */
  private int complete(int i, Outcome<T> o) {
    Stop stopWith = null;
    int next = -1;
    // judged outside the lock: a check looks at this value only
    String why = o instanceof Outcome.Success<T> s && !checks.isEmpty() ? judge(s.value()) : null;
    lock.lock();
    try {
      outcomes[i] = o;
      judged[i] = why;
      done++;
      boolean ok = o.isSuccess() && why == null;
      if (ok) {
        succeeded++;
      } else if (!(stopping && o instanceof Outcome.Cancelled<T>)) {
        failed++;
      }
      String message = why != null ? why : o.errorMessage();
      if (!stopping) {
        int n = slots.length;
        // a call the budget refused is not a failure to stop for: stopping would cancel calls
        // already paid for, and every later call is refused anyway
        if (base instanceof FailurePolicy.FailFast && !ok && !Budget.refused(o)) {
          failure = "task " + i + " failed: " + message;
          stopping = true;
          stopWith = Stop.cancelled("fail-fast: task " + i + " failed");
        } else if (base instanceof FailurePolicy.Quorum q) {
          if (succeeded >= q.k()) {
            stopping = true;
            stopWith = Stop.cancelled("quorum of " + q.k() + " reached");
          } else if (n - failed < q.k()) {
            failure =
                "quorum of "
                    + q.k()
                    + " unreachable: "
                    + failed
                    + " of "
                    + n
                    + " tasks failed (last: task "
                    + i
                    + ": "
                    + message
                    + ")";
            stopping = true;
            stopWith = Stop.cancelled("quorum of " + q.k() + " unreachable");
          }
        }
      }
      if (!stopping && !conditions.isEmpty()) {
        stopWith = testConditions(i);
      }
      if (done == slots.length) {
        allDone.signalAll();
      }
      if (launched < slots.length) {
        next = launched++;
      }
    } finally {
      lock.unlock();
    }
    if (stopWith != null) {
      stopAll(stopWith);
    }
    return next;
  }

  /** Under the lock: the first condition that names a reason stops (and may fail) the run. */
  private @Nullable Stop testConditions(int latest) {
    RunProgress progress =
        new RunProgress(Collections.unmodifiableList(Arrays.asList(outcomes)), latest, done);
    for (FailurePolicy.StopWhen w : conditions) {
      String reason = w.condition().test(progress);
      if (reason != null) {
        stopping = true;
        if (w.fails()) {
          failure = reason;
        }
        return Stop.cancelled(reason);
      }
    }
    return null;
  }

  private void fail(String why, Stop stop) {
    lock.lock();
    try {
      failure = why;
      stopping = true;
    } finally {
      lock.unlock();
    }
    stopAll(stop);
  }

  private void stopAll(Stop stop) {
    for (Control c : slots) {
      c.stop(stop);
    }
  }

  private String describeFailures() {
    List<String> parts = new ArrayList<>();
    int count = 0;
    for (int i = 0; i < outcomes.length; i++) {
      if (!outcomes[i].isSuccess() || judged[i] != null) {
        count++;
        if (parts.size() < 10) {
          parts.add(
              "task " + i + ": " + (judged[i] != null ? judged[i] : outcomes[i].errorMessage()));
        }
      }
    }
    if (count == 0) {
      return null;
    }
    String more = count > parts.size() ? "; and " + (count - parts.size()) + " more" : "";
    return count + " of " + outcomes.length + " tasks failed: " + String.join("; ", parts) + more;
  }
}
