package io.chorus.core.internal;

import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A tiny settable clock for unit tests (chorus-core cannot use chorus-testing's FakeClock). */
final class ManualTime implements TimeSource {
  private final AtomicLong nanos = new AtomicLong();

  @Override
  public Instant now() {
    return Instant.EPOCH.plusNanos(nanos.get());
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }
}
