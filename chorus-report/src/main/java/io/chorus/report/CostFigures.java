package io.chorus.report;

import io.chorus.common.internal.Money;
import io.chorus.core.CallRecord;
import io.chorus.core.ModelId;
import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.core.Usage;
import io.chorus.observe.RunTrace;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The money side of a {@link RunTrace}, for the cost lines of every run report: what the run cost,
 * per successful call, the prompt-cache tokens written and read, what the cache saved against the
 * same calls without it, the calls whose provider reported no usage (their cost is unknown, counted
 * as $0, and the reports say so rather than estimate), and the calls the budget did not admit.
 *
 * @param costUsd the cost of every call's reported usage
 * @param succeeded calls that succeeded
 * @param cacheWriteTokens input tokens written to the provider's prompt cache
 * @param cacheReadTokens input tokens read from it
 * @param cacheSavedUsd what the same tokens would have cost as plain input, less what they cost
 *     (negative when a written prefix was never read)
 * @param batchSavedUsd what the provider batch route saved: the list price of the batched calls'
 *     usage less what they cost at the batch rate (0 when no call went through a batch API)
 * @param unreportedUsage successful calls (not answered by the response cache) whose provider
 *     reported no usage
 * @param notRunBudget calls ended because the budget did not admit them
 * @param synthetic whether any answer was synthetic (the simulator), so money is labelled
 */
public record CostFigures(
    double costUsd,
    int succeeded,
    long cacheWriteTokens,
    long cacheReadTokens,
    double cacheSavedUsd,
    double batchSavedUsd,
    int unreportedUsage,
    int notRunBudget,
    boolean synthetic) {

  /**
   * The figures of {@code trace} for a run whose calls were sent one by one: the cache savings
   * priced with {@code prices}, no batch saving.
   */
  public static CostFigures of(RunTrace trace, PriceTable prices) {
    return of(trace, prices, Set.of());
  }

  /**
   * The figures of {@code trace} for a run whose calls to {@code batchedProviders} went through
   * their batch APIs (and were charged at the batch rate): {@code listPrices} are the prices of a
   * call sent alone (the configured table, before {@link PriceTable#atBatchRate}); the batch saving
   * is what those calls' usage costs at them less what the run paid for it.
   */
  public static CostFigures of(
      RunTrace trace, PriceTable listPrices, Set<String> batchedProviders) {
    double cost = 0;
    double saved = 0;
    double batchSaved = 0;
    PriceTable batchPrices = listPrices.atBatchRate(batchedProviders);
    int ok = 0;
    long write = 0;
    long read = 0;
    int unreported = 0;
    int budget = 0;
    for (CallRecord c : trace.llmCalls()) {
      Usage u = c.usage();
      cost += c.costUsd();
      write += u.cacheWriteTokens();
      read += u.cacheReadTokens();
      ModelId model = c.model() == null ? null : ModelId.parse(c.model());
      boolean batched = model != null && batchedProviders.contains(model.provider());
      if (u.cacheWriteTokens() + u.cacheReadTokens() > 0 && model != null) {
        saved += savedByCache(batched ? batchPrices : listPrices, model, u);
      }
      if (batched && !c.cacheHit() && c.costUsd() > 0) {
        batchSaved += Math.max(0, listPrices.cost(model, u) - c.costUsd());
      }
      if (c.succeeded()) {
        ok++;
        if (!c.cacheHit() && u.totalTokens() == 0) {
          unreported++;
        }
      } else if ("budget".equals(c.errorKind()) || "budget_exceeded".equals(c.errorKind())) {
        budget++;
      }
    }
    return new CostFigures(
        cost, ok, write, read, saved, batchSaved, unreported, budget, trace.synthetic());
  }

  /** What {@code usage}'s cached tokens would have cost as plain input, less what they cost. */
  public static double savedByCache(PriceTable prices, ModelId model, Usage usage) {
    Price p = prices.find(model).orElse(null);
    if (p == null) {
      return 0;
    }
    long cached = usage.cacheWriteTokens() + usage.cacheReadTokens();
    return (cached * p.inputPerMillion()
            - usage.cacheWriteTokens() * p.cacheWritePerMillion()
            - usage.cacheReadTokens() * p.cacheReadPerMillion())
        / 1_000_000.0;
  }

  /** The cost per successful call, or 0 when none succeeded. */
  public double perSuccessUsd() {
    return succeeded == 0 ? 0 : costUsd / succeeded;
  }

  /** {@code amount} in dollars, labelled {@code (synthetic)} when the run's answers were. */
  public String money(double amount) {
    return Money.usd(amount) + (synthetic ? " (synthetic)" : "");
  }

  /** The run's cost, with the unknown part named when some calls reported no usage. */
  public String costLine() {
    return money(costUsd) + (unreportedUsage == 0 ? "" : " + unknown (" + unreportedNotice() + ")");
  }

  /**
   * One line on what the provider batch route saved, or null when no call went through it: {@code
   * $0.0044 against $0.0088 at list price}.
   */
  public @Nullable String batchLine() {
    if (batchSavedUsd <= 0) {
      return null;
    }
    return "saved "
        + money(batchSavedUsd)
        + ": "
        + money(costUsd)
        + " at the batch rate against "
        + money(costUsd + batchSavedUsd)
        + " at list price";
  }

  /**
   * One line on what the prompt cache did: tokens written and read and the money saved; null when
   * no call wrote or read the cache.
   */
  public @Nullable String cacheLine() {
    if (cacheWriteTokens + cacheReadTokens == 0) {
      return null;
    }
    return cacheWriteTokens
        + " tokens written, "
        + cacheReadTokens
        + " read; saved "
        + money(cacheSavedUsd)
        + " against the same calls without the cache";
  }

  /** The notice on usage the provider did not report, or null when every call reported it. */
  public @Nullable String unreportedNotice() {
    return unreportedUsage == 0
        ? null
        : "cost unknown: provider reported no usage for " + unreportedUsage + " call(s)";
  }
}
