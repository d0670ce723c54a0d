package io.chorus.core.internal;

import io.chorus.core.BreakerState;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.ModelId;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The circuit breaker of one provider+model, following {@link CircuitBreakerPolicy}: a count-based
 * sliding window while closed; open for the cooldown; then a few half-open trial attempts.
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

  private final ReentrantLock lock = new ReentrantLock();
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

  CircuitBreaker(ModelId model, CircuitBreakerPolicy policy, TimeSource time, Transitions transitions) {
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
      if (state == BreakerState.OPEN && time.nanoTime() - openedAt >= policy.openDuration().toNanos()) {
        from = state;
        state = BreakerState.HALF_OPEN;
        trialsInFlight = 0;
        trialSuccesses = 0;
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
    BreakerState from = null;
    BreakerState to = null;
    lock.lock();
    try {
      switch (state) {
        case CLOSED -> {
          if (verdict != Verdict.IGNORED) {
            push(verdict == Verdict.FAILURE);
            if (count >= policy.minimumCalls() && failures >= policy.failureRateThreshold() * count) {
              from = state;
              to = open();
            }
          }
        }
        case HALF_OPEN -> {
          trialsInFlight = Math.max(0, trialsInFlight - 1);
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
    return state;
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
