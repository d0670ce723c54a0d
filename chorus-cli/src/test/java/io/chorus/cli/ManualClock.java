package io.chorus.cli;

import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand. */
public final class ManualClock implements TimeSource {
  private volatile long nanos;
  private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  public Instant now() {
    return start.plusNanos(nanos);
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  public void advance(Duration d) {
    nanos += d.toNanos();
  }
}
