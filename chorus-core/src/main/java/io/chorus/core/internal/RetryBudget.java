package io.chorus.core.internal;

import io.chorus.core.RetryPolicy;
import java.util.concurrent.atomic.AtomicLong;

/** The retries a run may still make, shared by all its calls, nested ones included. */
final class RetryBudget {
  static final RetryBudget UNLIMITED = new RetryBudget(Long.MAX_VALUE);

  private final AtomicLong left;

  RetryBudget(long allowed) {
    this.left = new AtomicLong(allowed);
  }

  static RetryBudget forRun(RetryPolicy policy, int calls) {
    double allowed = policy.retryBudgetRatio() * calls + policy.retryBudgetMin();
    return new RetryBudget(
        allowed >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE : (long) Math.ceil(allowed));
  }

  boolean tryAcquire() {
    if (this == UNLIMITED) {
      return true;
    }
    return left.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
  }

  long left() {
    return left.get();
  }
}
