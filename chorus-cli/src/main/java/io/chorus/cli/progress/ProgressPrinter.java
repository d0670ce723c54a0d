package io.chorus.cli.progress;

import io.chorus.core.TimeSource;
import io.chorus.observe.ProgressListener;
import io.chorus.observe.ProgressSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Draws a {@link ProgressListener}'s state on stderr: on a terminal, one line redrawn in place with
 * ANSI ({@code \r} and erase-line) about ten times a second; otherwise a plain line every {@code
 * plainEvery} (default 2 s), so logs of CI jobs stay readable. Nothing is drawn while the run has
 * {@code minTotal} or fewer items (a single ask shows no bar).
 *
 * <p>{@link #tick()} draws once if due; {@link #start()} calls it on a daemon timer and {@link
 * #finish()} draws the final line. Tests call {@link #tick()} with a fake clock. Thread-safe.
 */
public final class ProgressPrinter implements AutoCloseable {

  private final ProgressListener source;
  private final PrintWriter out;
  private final boolean ansi;
  private final TimeSource time;
  private final Duration plainEvery;
  private final long minTotal;
  private final ProgressBar bar;
  private final ReentrantLock lock = new ReentrantLock();
  private long lastDrawNanos = Long.MIN_VALUE;
  private boolean drewAnything;
  private ScheduledExecutorService timer;

  public ProgressPrinter(
      ProgressListener source,
      PrintWriter out,
      boolean ansi,
      TimeSource time,
      Duration plainEvery,
      long minTotal) {
    this.source = source;
    this.out = out;
    this.ansi = ansi;
    this.time = time;
    this.plainEvery = plainEvery;
    this.minTotal = minTotal;
    this.bar = new ProgressBar(ansi ? 24 : 0);
  }

  /** Draws if the run is big enough and a redraw is due. */
  public void tick() {
    lock.lock();
    try {
      ProgressSnapshot s = source.snapshot();
      if (s.total() <= minTotal) {
        return;
      }
      long now = time.nanoTime();
      long every = ansi ? 100_000_000L : plainEvery.toNanos();
      if (lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < every) {
        return;
      }
      lastDrawNanos = now;
      draw(s, false);
    } finally {
      lock.unlock();
    }
  }

  private void draw(ProgressSnapshot s, boolean last) {
    if (ansi) {
      out.print("\r\u001b[2K" + bar.render(s) + (last ? System.lineSeparator() : ""));
    } else {
      out.println("progress: " + bar.render(s));
    }
    out.flush();
    drewAnything = true;
  }

  /** Starts redrawing on a daemon timer. */
  public ProgressPrinter start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chorus-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Stops the timer and draws the final state (once the bar has been shown). */
  public void finish() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    lock.lock();
    try {
      ProgressSnapshot s = source.finalSnapshot();
      if (s.total() > minTotal && (drewAnything || !ansi)) {
        draw(s, true);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    finish();
  }
}
