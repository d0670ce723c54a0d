package io.chorus.core;

import java.util.Set;

/**
 * What an engine's {@link Budget} stands at. A snapshot; see {@link Engine#budgetStatus()}.
 *
 * @param budget the budget
 * @param spentUsd what settled attempts were charged to the budget (conservative: see {@link
 *     Budget}); at least the cost the timelines report
 * @param reservedUsd worst cases of attempts still running
 * @param refusedCalls calls ended as {@link Budget#NOT_RUN}
 * @param unreportedUsage successful attempts whose provider reported no usage (charged their worst
 *     case)
 * @param unpricedModels models that ran without a price in the table (they cost nothing here)
 */
public record BudgetStatus(
    Budget budget,
    double spentUsd,
    double reservedUsd,
    long refusedCalls,
    long unreportedUsage,
    Set<ModelId> unpricedModels) {

  public BudgetStatus {
    unpricedModels = Set.copyOf(unpricedModels);
  }

  /** Whether the budget stopped admitting calls. */
  public boolean exhausted() {
    return refusedCalls > 0;
  }

  /** What is left of the budget after spending and reservations; infinite without a budget. */
  public double remainingUsd() {
    return budget.maxCostUsd() - spentUsd - reservedUsd;
  }
}
