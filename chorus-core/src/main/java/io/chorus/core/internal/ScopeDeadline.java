package io.chorus.core.internal;

import io.chorus.core.Outcome;
import io.chorus.core.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a bounded fan-out ({@link CollectingScope}) and an unbounded one ({@link ForwardingScope})
 * set up alike: the run's deadline (its own or its parent's, whichever comes first), the alarm that
 * stops the run when its own deadline passes, each task's {@link Control}, and running a task's
 * body on its thread so that a stop or an exception becomes its outcome. One copy: the two scopes
 * had each written it out.
 */
final class ScopeDeadline {

  private final RealEngine engine;
  private final @Nullable Control parent;
  private final RetryBudget budget;
  private final long nanos;
  private final Stop stop;
  private final boolean own;

  ScopeDeadline(
      RealEngine engine,
      @Nullable Control parent,
      @Nullable Duration deadline,
      RetryBudget budget) {
    this.engine = engine;
    this.parent = parent;
    this.budget = budget;
    long ownNanos =
        deadline == null ? Control.NO_DEADLINE : engine.time.nanoTime() + deadline.toNanos();
    Stop ownStop =
        deadline == null
            ? null
            : Stop.timedOut("run deadline of " + deadline + " passed", deadline);
    if (parent != null && parent.deadlineNanos <= ownNanos) {
      this.nanos = parent.deadlineNanos;
      this.stop = parent.deadlineStop;
      this.own = false;
    } else {
      this.nanos = ownNanos;
      this.stop = ownStop;
      this.own = ownNanos != Control.NO_DEADLINE;
    }
  }

  /** The run's deadline on the wall clock, or null. */
  @Nullable Instant instant() {
    return nanos == Control.NO_DEADLINE
        ? null
        : engine.time.now().plusNanos(nanos - engine.time.nanoTime());
  }

  /**
   * Schedules {@code onPassed} with the stop the deadline means, when the run has a deadline of its
   * own (a parent's deadline is the parent's to enforce); null otherwise. Cancel it at the end.
   */
  Alarms.@Nullable Alarm arm(java.util.function.Consumer<Stop> onPassed) {
    return own ? engine.alarms.schedule(nanos, () -> onPassed.accept(stop)) : null;
  }

  /** A new task's control: under the parent, with the run's deadline and retry budget. */
  Control slot() {
    return new Control(parent, nanos, stop, budget);
  }

  /**
   * Runs {@code body} on the current (the task's) thread as task {@code index} of run {@code
   * runId}: a stop that came first, a stop raised inside and any exception become its outcome.
   */
  static <T> Outcome<T> run(
      RealEngine engine,
      Control c,
      String runId,
      long index,
      Instant queuedAt,
      Supplier<Outcome<T>> body) {
    RealEngine.CURRENT.set(c);
    try {
      Stop s = c.stopped();
      return s != null ? s.outcome(notRun(engine, runId, index, queuedAt)) : body.get();
    } catch (Stopped s) {
      return s.stop().outcome(notRun(engine, runId, index, queuedAt));
    } catch (Throwable e) {
      return new Outcome.Failure<>(e, notRun(engine, runId, index, queuedAt));
    } finally {
      RealEngine.CURRENT.remove();
    }
  }

  /** The timeline of a task that made no attempt. */
  private static Timeline notRun(RealEngine engine, String runId, long index, Instant queuedAt) {
    return new Timeline(
        runId + "/" + index,
        (int) index,
        queuedAt,
        null,
        engine.time.now(),
        List.of(),
        Duration.ZERO,
        null,
        0);
  }
}
