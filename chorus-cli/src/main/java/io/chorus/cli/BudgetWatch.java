package io.chorus.cli;

import io.chorus.core.Budget;
import io.chorus.core.CallEvent;
import io.chorus.core.EngineListener;
import io.chorus.core.Outcome;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Counts the calls a command's budget refused and what its calls cost, so that the exit code and
 * the closing line can say the budget was reached. Only calls count (tasks' costs are their
 * calls').
 */
final class BudgetWatch implements EngineListener {
  private final AtomicLong refused = new AtomicLong();
  private final DoubleAdder cost = new DoubleAdder();

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    if (call.request() == null) {
      return;
    }
    cost.add(outcome.timeline().costUsd());
    if (Budget.refused(outcome)) {
      refused.incrementAndGet();
    }
  }

  long refusedCalls() {
    return refused.get();
  }

  double costUsd() {
    return cost.sum();
  }
}
