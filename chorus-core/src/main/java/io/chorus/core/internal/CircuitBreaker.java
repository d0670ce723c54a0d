package io.chorus.core.internal;

import io.chorus.core.BreakerState;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.CircuitOpenException;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The circuit breaker of one provider+model, following {@link CircuitBreakerPolicy}: a count-based
 * sliding window while closed; open for the cooldown; then a few half-open trial attempts.
 *
 * <p>It remembers the last {@value #CAUSES} failures it counted, so that a call refused while it is
 * open can say what opened it ({@link #openException()}), and it wakes calls that wait for a
 * half-open probe's answer ({@link #awaitChange(long)}).
 *
 * <p>Thread-safe. Transitions are reported through {@link Transitions} outside the lock.
 */
final class CircuitBreaker {

  /** Where transitions go (the engine's listeners). */
  interface Transitions {
    void transition(ModelId model, BreakerState from, BreakerState to);
  }

  /** What an attempt says about the model's health. */
  enum Verdict {
    SUCCESS,
    FAILURE,
    IGNORED
  }

  /** How many recent failures an open breaker names. */
  static final int CAUSES = 3;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ProviderError> recentFailures = new ArrayDeque<>(CAUSES);
  private List<ProviderError> openedBy = List.of();
  private long generation;
  private long opens;
  private final ModelId model;
  private final CircuitBreakerPolicy policy;
  private final TimeSource time;
  private final Transitions transitions;
  private final boolean[] window;
  private int head;
  private int count;
  private int failures;
  private BreakerState state = BreakerState.CLOSED;
  private long openedAt;
  private int trialsInFlight;
  private int trialSuccesses;

  CircuitBreaker(
      ModelId model, CircuitBreakerPolicy policy, TimeSource time, Transitions transitions) {
    this.model = model;
    this.policy = policy;
    this.time = time;
    this.transitions = transitions;
    this.window = new boolean[policy.windowSize()];
  }

  /** Whether an attempt may go out now; a true in half-open takes a trial slot. */
  boolean tryAcquire() {
    BreakerState from = null;
    boolean allowed;
    lock.lock();
    try {
      if (state == BreakerState.OPEN
          && time.nanoTime() - openedAt >= policy.openDuration().toNanos()) {
        from = state;
        state = BreakerState.HALF_OPEN;
        trialsInFlight = 0;
        trialSuccesses = 0;
        changed();
      }
      allowed =
          switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
              if (trialsInFlight < policy.halfOpenCalls()) {
                trialsInFlight++;
                yield true;
              }
              yield false;
            }
          };
    } finally {
      lock.unlock();
    }
    if (from != null) {
      transitions.transition(model, from, BreakerState.HALF_OPEN);
    }
    return allowed;
  }

  /** Records how an attempt allowed by {@link #tryAcquire()} ended. */
  void record(Verdict verdict) {
    record(verdict, null);
  }

  /**
   * Records how an attempt allowed by {@link #tryAcquire()} ended; {@code error} is what a failed
   * attempt's provider said (null when not known), kept to name what opened the breaker.
   */
  void record(Verdict verdict, ProviderError error) {
    BreakerState from = null;
    BreakerState to = null;
    lock.lock();
    try {
      if (verdict == Verdict.FAILURE && error != null) {
        if (recentFailures.size() == CAUSES) {
          recentFailures.removeFirst();
        }
        recentFailures.addLast(error);
      }
      switch (state) {
        case CLOSED -> {
          if (verdict != Verdict.IGNORED) {
            push(verdict == Verdict.FAILURE);
            if (count >= policy.minimumCalls()
                && failures >= policy.failureRateThreshold() * count) {
              from = state;
              to = open();
            }
          }
        }
        case HALF_OPEN -> {
          trialsInFlight = Math.max(0, trialsInFlight - 1);
          changed(); // a trial slot is free, or the state moves on below
          if (verdict == Verdict.FAILURE) {
            from = state;
            to = open();
          } else if (verdict == Verdict.SUCCESS && ++trialSuccesses >= policy.halfOpenCalls()) {
            from = state;
            to = BreakerState.CLOSED;
            state = to;
            head = 0;
            count = 0;
            failures = 0;
            recentFailures.clear();
          }
        }
        case OPEN -> {}
      }
    } finally {
      lock.unlock();
    }
    if (from != null) {
      transitions.transition(model, from, to);
    }
  }

  private BreakerState open() {
    state = BreakerState.OPEN;
    openedAt = time.nanoTime();
    openedBy = List.copyOf(recentFailures);
    opens++;
    changed();
    return state;
  }

  /** Under the lock: wakes waiters of {@link #awaitChange(long)}. */
  private void changed() {
    generation++;
    changed.signalAll();
  }

  /**
   * A counter that moves on every transition and every freed trial slot; see {@link #awaitChange}.
   */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** How many times the breaker has opened (a half-open probe that failed opens it again). */
  long opens() {
    lock.lock();
    try {
      return opens;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@link #generation()} differs from {@code seen} (a probe answered, a trial slot
   * freed), at most {@code maxNanos} of real time; interruptible. The wait is for another thread's
   * event, not for time, so it needs no injected clock; the bound only re-checks a missed signal.
   */
  void awaitChange(long seen, long maxNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = maxNanos;
      while (generation == seen && left > 0) {
        left = changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Engine-clock nanoseconds until an open breaker lets a trial through; 0 when not open. */
  long openRemainingNanos() {
    lock.lock();
    try {
      if (state != BreakerState.OPEN) {
        return 0;
      }
      return Math.max(0, policy.openDuration().toNanos() - (time.nanoTime() - openedAt));
    } finally {
      lock.unlock();
    }
  }

  /** The failures that opened the breaker last (oldest first; empty when not known). */
  List<ProviderError> openedBy() {
    lock.lock();
    try {
      return openedBy;
    } finally {
      lock.unlock();
    }
  }

  /** The refusal of a call while the breaker is open: when it half-opens, and what opened it. */
  CircuitOpenException openException() {
    return new CircuitOpenException(model, retryAt(), openedBy());
  }

  private void push(boolean failed) {
    if (count == window.length) {
      if (window[head]) {
        failures--;
      }
    } else {
      count++;
    }
    window[head] = failed;
    if (failed) {
      failures++;
    }
    head = (head + 1) % window.length;
  }

  BreakerState state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** When an open breaker lets a trial through, on the wall clock. */
  Instant retryAt() {
    lock.lock();
    try {
      long left = Math.max(0, policy.openDuration().toNanos() - (time.nanoTime() - openedAt));
      return time.now().plus(Duration.ofNanos(left));
    } finally {
      lock.unlock();
    }
  }
}
