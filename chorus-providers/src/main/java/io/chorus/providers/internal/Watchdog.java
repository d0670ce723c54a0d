package io.chorus.providers.internal;

import io.chorus.core.ProviderError.Phase;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Enforces time-to-first-token and idle timeouts on streams, and the attempt timeout of calls made
 * outside the engine, by cancelling the call from one shared timer thread, recording which phase
 * fired so the reader can report it.
 *
 * <p>Why not OkHttp's read timeout: it cannot tell "no response headers yet" from "no first
 * token yet" from "silence between chunks", and it is fixed per client. Idle checks are lazy:
 * each read only writes a volatile timestamp, and the timer re-arms itself once per idle period,
 * so 10,000 open streams cost 10,000 timer entries, not a reschedule per chunk. Timeouts use the
 * real monotonic clock because they race the real network.
 *
 * <p>Thread-safe.
 */
public final class Watchdog implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;

  public Watchdog() {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "chorus-http-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** The longest timeout honoured (okio's deadline arithmetic overflows near Long.MAX_VALUE). */
  private static final long MAX_NANOS = Duration.ofDays(30).toNanos();

  /** {@code d} in nanoseconds, clipped to [0, 30 days]. */
  public static long nanos(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    return d.compareTo(Duration.ofDays(30)) > 0 ? MAX_NANOS : d.toNanos();
  }

  /** Starts watching {@code call}; null (or zero idle) timeouts are not enforced. */
  public Watch watch(WireCall call, Duration attempt, Duration firstToken, Duration idle) {
    Watch watch = new Watch(call, idle);
    if (attempt != null) {
      watch.attemptTask = schedule(() -> watch.fire(Phase.ATTEMPT), Math.max(1, nanos(attempt)));
    }
    if (firstToken != null) {
      watch.firstTokenTask = schedule(() -> watch.fire(Phase.FIRST_TOKEN), nanos(firstToken));
    }
    return watch;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private ScheduledFuture<?> schedule(Runnable task, long nanos) {
    try {
      return timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null; // the transport is closing; the attempt timeout still bounds the call
    }
  }

  /** The deadlines of one call. */
  public final class Watch {
    private final WireCall call;
    private final long idleNanos;
    private final AtomicReference<Phase> fired = new AtomicReference<>();
    private volatile long lastActivity;
    private volatile boolean done;
    private volatile ScheduledFuture<?> firstTokenTask;
    private volatile ScheduledFuture<?> idleTask;
    private volatile ScheduledFuture<?> attemptTask;

    private Watch(WireCall call, Duration idle) {
      this.call = call;
      this.idleNanos = idle == null ? 0 : nanos(idle);
    }

    /** Response headers arrived: the idle clock starts. */
    public void headersReceived() {
      lastActivity = System.nanoTime();
      if (idleNanos > 0 && !done) {
        idleTask = schedule(this::checkIdle, idleNanos);
      }
    }

    /** Bytes arrived. */
    public void activity() {
      lastActivity = System.nanoTime();
    }

    /** The first delta arrived: the first-token deadline no longer applies. */
    public void firstToken() {
      ScheduledFuture<?> task = firstTokenTask;
      if (task != null) {
        firstTokenTask = null;
        task.cancel(false);
      }
    }

    /** The phase whose timeout cancelled the call, or null. */
    public Phase fired() {
      return fired.get();
    }

    /** The call ended; no timeout fires after this. */
    public void finish() {
      done = true;
      firstToken();
      ScheduledFuture<?> task = idleTask;
      if (task != null) {
        task.cancel(false);
      }
      task = attemptTask;
      if (task != null) {
        task.cancel(false);
      }
    }

    private void checkIdle() {
      if (done) {
        return;
      }
      long silent = System.nanoTime() - lastActivity;
      if (silent >= idleNanos) {
        fire(Phase.IDLE);
      } else {
        idleTask = schedule(this::checkIdle, idleNanos - silent);
      }
    }

    private void fire(Phase phase) {
      if (!done && fired.compareAndSet(null, phase)) {
        call.cancel();
      }
    }
  }
}
