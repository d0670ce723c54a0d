package io.chorus.core;

import java.time.Instant;

/**
 * The engine's clock, injected so that tests can use a fake one ({@code FakeClock} in
 * chorus-testing) and run retry, backoff, deadline and rate-limit logic without sleeping.
 */
public interface TimeSource {

  /** Wall-clock time, for timelines and reports. */
  Instant now();

  /** Monotonic nanoseconds, for measuring durations. */
  long nanoTime();

  /** The system clock. */
  static TimeSource system() {
    return SystemTime.INSTANCE;
  }
}
