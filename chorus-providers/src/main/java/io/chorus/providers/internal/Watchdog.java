package io.chorus.providers.internal;

import io.chorus.core.ProviderError.Phase;
import io.chorus.core.TimeSource;
import io.chorus.core.internal.Alarms;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Enforces time-to-first-token and idle timeouts on streams, and the attempt timeout of calls made
 * outside the engine, by cancelling the call from one shared alarm thread, recording which phase
 * fired so the reader can report it.
 *
 * <p>Why not OkHttp's read timeout: it cannot tell "no response headers yet" from "no first token
 * yet" from "silence between chunks", and it is fixed per client. Idle checks are lazy: each read
 * only writes a volatile timestamp, and the alarm re-arms itself once per idle period, so 10,000
 * open streams cost 10,000 alarm entries, not a reschedule per chunk. Every deadline is read from
 * the injected {@link TimeSource} (the engine's {@link Alarms}, which polls it), so a test on a
 * fake clock decides when a stream has been silent too long.
 *
 * <p>Thread-safe.
 */
public final class Watchdog implements AutoCloseable {
  private final TimeSource time;
  private final Alarms alarms;

  /** A watchdog on the system clock. */
  public Watchdog() {
    this(TimeSource.system());
  }

  public Watchdog(TimeSource time) {
    this.time = time;
    this.alarms = new Alarms(time, "chorus-http-watchdog");
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

  /**
   * Deadlines armed and not yet fired or cancelled: a test on a fake clock waits for them before
   * advancing it.
   */
  public int pending() {
    return alarms.pending();
  }

  @Override
  public void close() {
    alarms.shutdown();
  }

  /**
   * After close, nothing fires: the transport is closing and the attempt timeout bounds the call.
   */
  private Alarms.Alarm schedule(Runnable task, long nanos) {
    return alarms.schedule(time.nanoTime() + nanos, task);
  }

  private static void cancel(Alarms.Alarm alarm) {
    if (alarm != null) {
      alarm.cancel();
    }
  }

  /** The deadlines of one call. */
  public final class Watch {
    private final WireCall call;
    private final long idleNanos;
    private final AtomicReference<Phase> fired = new AtomicReference<>();
    private volatile long lastActivity;
    private volatile boolean done;
    private volatile Alarms.Alarm firstTokenTask;
    private volatile Alarms.Alarm idleTask;
    private volatile Alarms.Alarm attemptTask;

    private Watch(WireCall call, Duration idle) {
      this.call = call;
      this.idleNanos = idle == null ? 0 : nanos(idle);
    }

    /** Response headers arrived: the idle clock starts. */
    public void headersReceived() {
      lastActivity = time.nanoTime();
      if (idleNanos > 0 && !done) {
        idleTask = schedule(this::checkIdle, idleNanos);
      }
    }

    /** Bytes arrived. */
    public void activity() {
      lastActivity = time.nanoTime();
    }

    /** The first delta arrived: the first-token deadline no longer applies. */
    public void firstToken() {
      Alarms.Alarm task = firstTokenTask;
      if (task != null) {
        firstTokenTask = null;
        task.cancel();
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
      cancel(idleTask);
      cancel(attemptTask);
    }

    private void checkIdle() {
      if (done) {
        return;
      }
      long silent = time.nanoTime() - lastActivity;
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
