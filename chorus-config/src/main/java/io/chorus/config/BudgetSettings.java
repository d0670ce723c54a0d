package io.chorus.config;

import io.chorus.core.Budget;

/**
 * {@code budget: {max_cost: 5.00}}: the most one command may spend, in US dollars, priced from the
 * price table (the defaults plus {@code models.*.price}). {@code --max-cost} and {@code
 * CHORUS_MAX_COST} override it.
 *
 * @param maxCost US dollars, positive
 */
public record BudgetSettings(Double maxCost) {

  public BudgetSettings {
    if (maxCost != null && !(maxCost > 0)) {
      throw new IllegalArgumentException(
          "max_cost must be a positive amount of US dollars, was " + maxCost);
    }
  }

  /** The engine's budget: {@link Budget#none()} when no amount is set. */
  public Budget toBudget() {
    return maxCost == null ? Budget.none() : Budget.builder().maxCostUsd(maxCost).build();
  }
}
