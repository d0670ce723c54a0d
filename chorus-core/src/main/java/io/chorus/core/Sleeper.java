package io.chorus.core;

import java.time.Duration;

/**
 * How the engine waits a known time (backoff, rate-limit pauses, hedge delays). Injected so that a
 * fake can advance a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits {@code duration}; returns early only by throwing when interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(Duration)}. */
  static Sleeper system() {
    return SystemTime.INSTANCE;
  }
}
