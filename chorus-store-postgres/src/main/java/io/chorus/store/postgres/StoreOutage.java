package io.chorus.store.postgres;

import io.chorus.batch.JournalException;
import io.chorus.core.Sleeper;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A worker's view of its store going away and coming back: every store operation is retried with
 * backoff (100 ms, doubling to 2 s) while the store has been failing for less than the deadline;
 * the first success ends the outage. Once an outage has lasted the deadline it is given up on for
 * good: every later operation fails at once, so a stopping worker spills what it holds instead of
 * waiting again.
 *
 * <p>Every failure counts ({@link JournalException}: a lost connection, a refused login, a full
 * disk on the server): a statement that fails for good fails the same way after the deadline, which
 * only delays the exit, never loses a response.
 *
 * <p>Thread-safe: shared by a worker's claim loops, its heartbeat and its journal.
 */
final class StoreOutage {

  private static final Duration FIRST = Duration.ofMillis(100);
  private static final Duration MOST = Duration.ofSeconds(2);

  private final PostgresLocation location;
  private final Duration deadline;
  private final TimeSource time;
  private final Sleeper sleeper;

  /** When the current outage began (nanoTime), or 0 while the store answers. */
  private final AtomicLong downSince = new AtomicLong();

  private final AtomicReference<String> cause = new AtomicReference<>();
  private volatile boolean givenUp;

  StoreOutage(PostgresLocation location, Duration deadline, TimeSource time, Sleeper sleeper) {
    this.location = location;
    this.deadline = deadline;
    this.time = time;
    this.sleeper = sleeper;
  }

  /**
   * Runs {@code op}, retrying it through an outage until the deadline.
   *
   * @throws JournalException when the outage has lasted the deadline (then {@link #givenUp}), or
   *     when interrupted while waiting
   */
  <T> T call(Supplier<T> op) {
    if (givenUp) {
      // the worker is stopping: what it still holds goes to the spill file without another wait
      throw new JournalException(describe(), null);
    }
    Duration pause = FIRST;
    while (true) {
      try {
        T r = op.get();
        up();
        return r;
      } catch (JournalException e) {
        down(e);
        long left = left();
        if (left <= 0) {
          givenUp = true;
          throw new JournalException(describe(), e);
        }
        try {
          sleeper.sleep(Duration.ofNanos(Math.min(pause.toNanos(), left)));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = pause.multipliedBy(2).compareTo(MOST) > 0 ? MOST : pause.multipliedBy(2);
      }
    }
  }

  /** The store answered: any outage is over. */
  void up() {
    downSince.set(0);
  }

  /** The store failed with {@code e}: an outage begins, or goes on. */
  void down(JournalException e) {
    downSince.compareAndSet(0, Math.max(1, time.nanoTime()));
    cause.set(e.getMessage());
    if (left() <= 0) {
      givenUp = true;
    }
  }

  /** Whether an outage has lasted the deadline (the worker is stopping). */
  boolean givenUp() {
    return givenUp;
  }

  private long left() {
    long since = downSince.get();
    return since == 0 ? deadline.toNanos() : deadline.toNanos() - (time.nanoTime() - since);
  }

  /** What happened, in one line: the store, for how long, and its last failure. */
  String describe() {
    return "the PostgreSQL store at "
        + location.hostAndPort()
        + " could not be used for "
        + io.chorus.common.internal.Durations.format(deadline)
        + " ("
        + (cause.get() == null ? "no answer" : cause.get())
        + ")";
  }
}
