package io.chorus.core;

import java.time.Duration;
import java.time.Instant;

/** The real clock and sleep. */
enum SystemTime implements TimeSource, Sleeper {
  INSTANCE;

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (duration.isPositive()) {
      Thread.sleep(duration);
    }
  }
}
