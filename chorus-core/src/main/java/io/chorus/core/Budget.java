package io.chorus.core;

import io.chorus.common.internal.Money;

/**
 * The most a run may spend, in US dollars, priced from the engine's {@link PriceTable}.
 *
 * <p>Before each attempt the engine reserves the attempt's worst case: the prompt estimate ({@link
 * ChatRequest#estimatedInputTokens()}, at the cache-write price when the request asks for prompt
 * caching and that is dearer) plus {@link ChatRequest#maxTokens()} at the output price. When the
 * attempt ends the reservation is replaced by what it really cost: the reported usage for a
 * success, the prompt at the input price for a failure the provider may have read (nothing for a
 * 429), and the whole reservation when the provider reported no usage or the attempt was cut short
 * (cancelled, timed out), since what it billed is then unknown. An attempt is admitted only while
 * {@code spent + reserved + worst case <= maxCostUsd}; when only reservations stand in the way it
 * waits for them to settle; when what is already spent leaves no room, the call ends at once as
 * {@link Outcome.Cancelled} with a reason starting {@value #NOT_RUN} ({@link #refused(Outcome)}),
 * it is not dead-lettered, and calls already running finish. A run therefore never spends more than
 * its budget, plus, when a provider counts more prompt tokens than the estimate, that difference on
 * the calls in flight.
 *
 * <p>Models without a price (not in the table) cost nothing to the budget; {@link
 * BudgetStatus#unpricedModels()} names those that ran.
 *
 * {@snippet :
 * Engine engine = Engine.builder().provider(p).budget(Budget.builder().maxCostUsd(2.50).build()).build();
 * RunResult<ChatResponse> r = engine.callAll(requests, RunOptions.DEFAULT);
 * long notRun = r.outcomes().stream().filter(Budget::refused).count();
 * }
 *
 * @param maxCostUsd the most the engine may spend, positive; {@link Double#POSITIVE_INFINITY} for
 *     {@link #none()}
 */
public record Budget(double maxCostUsd) {

  /** How the reason of a call refused by the budget begins. */
  public static final String NOT_RUN = "not run: budget";

  private static final Budget NONE = new Budget(Double.POSITIVE_INFINITY);

  public Budget {
    if (!(maxCostUsd > 0)) {
      throw new IllegalArgumentException("budget.maxCostUsd must be positive, was " + maxCostUsd);
    }
  }

  /** No budget: every call is admitted (the default). */
  public static Budget none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether this budget limits anything. */
  public boolean limited() {
    return maxCostUsd != Double.POSITIVE_INFINITY;
  }

  /** Whether {@code outcome} is a call the budget did not admit. */
  public static boolean refused(Outcome<?> outcome) {
    return outcome instanceof Outcome.Cancelled<?> c
        && c.reason() != null
        && c.reason().startsWith(NOT_RUN);
  }

  /**
   * US dollars as every report prints them: cents from a dollar up, four decimals below, two
   * significant digits below a hundredth of a cent ({@code $4.00}, {@code $0.0125}, {@code
   * $0.000012}).
   */
  public static String usd(double amount) {
    return Money.usd(amount);
  }

  @Override
  public String toString() {
    return limited() ? "Budget[" + usd(maxCostUsd) + "]" : "Budget[none]";
  }

  /** Builds a {@link Budget}; not thread-safe. */
  public static final class Builder {
    private double maxCostUsd = Double.POSITIVE_INFINITY;

    Builder() {}

    /** The most the engine may spend, in US dollars. */
    public Builder maxCostUsd(double usd) {
      this.maxCostUsd = usd;
      return this;
    }

    public Budget build() {
      return new Budget(maxCostUsd);
    }
  }
}
