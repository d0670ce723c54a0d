package io.chorus.testing;

import io.chorus.core.Sleeper;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when told: {@link #advance(Duration)} or a {@link #sleep(Duration)},
 * which returns at once after moving the clock forward by the duration. Give it to {@code
 * Engine.Builder.time(..)} and {@code .sleeper(..)} and retry, backoff, rate-limit and deadline
 * logic runs in microseconds without flaking.
 *
 * <p>Concurrent sleeps each advance the clock (they add up); tests that need "at the same time"
 * should keep one thread sleeping. Thread-safe.
 *
 * {@snippet :
 * FakeClock clock = new FakeClock();
 * Engine engine = Engine.builder().provider(fake).time(clock).sleeper(clock).seed(1).build();
 * engine.call(request);                  // a 500 then a success: one jittered backoff
 * assertThat(clock.sleeps()).hasSize(1);  // slept on the fake clock, in no real time
 * }
 */
public final class FakeClock implements TimeSource, Sleeper {
  /** Where a new clock starts: 2026-01-01T00:00:00Z. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final ReentrantLock lock = new ReentrantLock();
  private final Instant start;
  private long nanos;
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeClock() {
    this(EPOCH);
  }

  public FakeClock(Instant start) {
    this.start = start;
  }

  @Override
  public Instant now() {
    lock.lock();
    try {
      return start.plusNanos(nanos);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long nanoTime() {
    lock.lock();
    try {
      return nanos;
    } finally {
      lock.unlock();
    }
  }

  /** Moves the clock forward. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back: " + d);
    }
    lock.lock();
    try {
      nanos += d.toNanos();
    } finally {
      lock.unlock();
    }
  }

  /** Records the sleep and advances the clock by it; throws if the thread is interrupted. */
  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a fake sleep of " + d);
    }
    lock.lock();
    try {
      sleeps.add(d);
      if (d.isPositive()) {
        nanos += d.toNanos();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Every sleep so far, in order. */
  public List<Duration> sleeps() {
    lock.lock();
    try {
      return List.copyOf(sleeps);
    } finally {
      lock.unlock();
    }
  }

  /** The sum of every sleep so far. */
  public Duration totalSlept() {
    return sleeps().stream().reduce(Duration.ZERO, Duration::plus);
  }

  /** Time passed since the clock was created. */
  public Duration elapsed() {
    return Duration.ofNanos(nanoTime());
  }
}
