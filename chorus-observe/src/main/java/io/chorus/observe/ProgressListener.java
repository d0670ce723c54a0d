package io.chorus.observe;

import io.chorus.core.CallEvent;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts what a progress bar shows from engine events. Thread-safe: events arrive from every call's
 * virtual thread. Read with {@link #snapshot()}.
 *
 * <p>Done and total count the tasks of <em>top-level</em> runs (a run started while no other run is
 * active): the items of a batch, the voters of a vote, the sections of a sectioning. Runs nested
 * inside them (a call inside a task is a run of one) add their calls to in flight, retries, tokens
 * and cost, not to the total, so the bar does not jump as nested work is discovered.
 *
 * <p>Work whose items are counted elsewhere (a batch shared by several workers through a store,
 * where this process runs each item as a run of its own and finishes only a part) takes its item
 * counts from {@link #countItemsFrom} instead.
 */
public final class ProgressListener implements EngineListener {

  private final TimeSource time;
  private final LongAdder total = new LongAdder();
  private final LongAdder done = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder inFlight = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder waits = new LongAdder();
  private final LongAdder waitingNow = new LongAdder();
  private final LongAdder tokens = new LongAdder();
  private final DoubleAdder cost = new DoubleAdder();
  private final AtomicLong startNanos = new AtomicLong(Long.MIN_VALUE);
  private final java.util.Set<String> topLevel = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicInteger activeRuns =
      new java.util.concurrent.atomic.AtomicInteger();

  public ProgressListener(TimeSource time) {
    this.time = time;
  }

  private volatile ItemCounts items;

  /** The source of {@link #countItemsFrom} and its last answer. */
  private static final class ItemCounts {
    final Supplier<ItemProgress> source;
    final long everyNanos;
    volatile ItemProgress last;
    volatile long readAt = Long.MIN_VALUE;

    ItemCounts(Supplier<ItemProgress> source, Duration every) {
      this.source = source;
      this.everyNanos = every.toNanos();
    }
  }

  /**
   * Takes the items' total, finished, failed and in flight, their rate and the time left from
   * {@code source} instead of from the engine's runs. For work this process does a part of, each
   * item as a run of its own (a worker on a shared batch): counted from the runs, such a bar showed
   * {@code 34/235} when 180 items were done, its total growing with every item. Retries, rate-limit
   * waits, tokens and cost stay this process's.
   *
   * <p>{@link #snapshot} asks the source at most once per {@code every} (it may be a query to a
   * shared store), {@link #finalSnapshot} always; a source that throws leaves its last answer
   * standing (nothing is shown of the items before its first answer). Call it before the run
   * starts.
   *
   * @param source the items as their keeper counts them; called on the thread that takes the
   *     snapshot
   * @param every how stale a snapshot's item counts may be
   */
  public void countItemsFrom(Supplier<ItemProgress> source, Duration every) {
    this.items =
        new ItemCounts(
            java.util.Objects.requireNonNull(source, "source"),
            java.util.Objects.requireNonNull(every, "every"));
  }

  /**
   * Top-level runs that announced no size (streams): their tasks are counted as they are queued.
   */
  private final java.util.Set<String> unsized = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Set by {@link #addTotal}: the caller announced the unsized run's size, so its tasks are not
   * counted again as they are queued (a batch of 300 showed {@code 131/431} after 131 calls).
   */
  private volatile boolean totalAnnounced;

  @Override
  public void runStart(String runId, String label, int tasks) {
    startNanos.compareAndSet(Long.MIN_VALUE, time.nanoTime());
    if (activeRuns.getAndIncrement() == 0) {
      topLevel.add(runId);
      if (tasks == 0) {
        unsized.add(runId); // Engine.stream does not know its size: count each task as it is queued
      }
      total.add(tasks);
    }
  }

  @Override
  public void callQueued(CallEvent call) {
    if (!totalAnnounced && unsized.contains(call.runId())) {
      total.increment();
    }
  }

  @Override
  public void runEnd(String runId, io.chorus.core.RunResult<?> result) {
    activeRuns.decrementAndGet();
  }

  @Override
  public void callAdmitted(CallEvent call) {
    if (call.request() != null) {
      inFlight.increment();
    }
  }

  @Override
  public void rateLimitWaitStart(CallEvent call, ModelId model, String bucket, Duration expected) {
    waits.increment();
    waitingNow.increment();
  }

  @Override
  public void rateLimitWaitEnd(CallEvent call, ModelId model, Duration waited) {
    waitingNow.decrement();
  }

  @Override
  public void retryScheduled(CallEvent call, int nextAttempt, Duration delay, String errorKind) {
    retries.increment();
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    if (topLevel.contains(call.runId())) {
      done.increment();
      if (!outcome.isSuccess()) {
        failed.increment();
      }
    }
    if (call.request() != null) {
      if (outcome.timeline().admittedAt() != null) {
        inFlight.decrement();
      }
      tokens.add(outcome.timeline().usage().totalTokens());
      cost.add(outcome.timeline().costUsd());
    }
  }

  /**
   * Adds work the engine cannot announce: the tasks of an unbounded fan-out ({@code Engine.stream}
   * starts its run with a task count of 0), e.g. the items of a batch still to run. Once called,
   * the tasks of such a run are taken to be among these and no longer add to the total as they are
   * queued; call it before the run starts.
   */
  public void addTotal(long items) {
    totalAnnounced = true;
    total.add(items);
  }

  /**
   * Adds work announced outside the engine (e.g. items of a batch already done in an earlier run).
   */
  public void addCompleted(long items) {
    startNanos.compareAndSet(Long.MIN_VALUE, time.nanoTime());
    total.add(items);
    done.add(items);
  }

  /**
   * The state now; the item counts of {@link #countItemsFrom} may be up to its {@code every} old.
   */
  public ProgressSnapshot snapshot() {
    return snapshot(false);
  }

  /**
   * The state now, with the item counts of {@link #countItemsFrom} read afresh: for the last line
   * of a run.
   */
  public ProgressSnapshot finalSnapshot() {
    return snapshot(true);
  }

  private ProgressSnapshot snapshot(boolean fresh) {
    long start = startNanos.get();
    Duration elapsed =
        start == Long.MIN_VALUE ? Duration.ZERO : Duration.ofNanos(time.nanoTime() - start);
    ItemCounts counted = items;
    if (counted != null) {
      long now = time.nanoTime();
      if (fresh || counted.readAt == Long.MIN_VALUE || now - counted.readAt >= counted.everyNanos) {
        counted.readAt = now;
        try {
          counted.last = counted.source.get();
        } catch (RuntimeException e) {
          // the keeper did not answer (a store briefly away): the last counts stand
        }
      }
      ItemProgress p = counted.last;
      long d = p == null ? 0 : p.finished();
      return new ProgressSnapshot(
          p == null ? 0 : Math.max(p.total(), d),
          d,
          p == null ? 0 : p.failed(),
          p == null ? 0 : Math.max(0, p.inFlight()),
          retries.sum(),
          waits.sum(),
          Math.max(0, waitingNow.sum()),
          tokens.sum(),
          cost.sum(),
          elapsed,
          p == null ? -1 : p.perMinute(),
          p == null ? null : p.timeLeft());
    }
    // done first: whatever ends meanwhile was announced before it ended, so done never passes total
    long d = done.sum();
    long f = failed.sum();
    return new ProgressSnapshot(
        Math.max(total.sum(), d),
        d,
        f,
        Math.max(0, inFlight.sum()),
        retries.sum(),
        waits.sum(),
        Math.max(0, waitingNow.sum()),
        tokens.sum(),
        cost.sum(),
        elapsed);
  }
}
