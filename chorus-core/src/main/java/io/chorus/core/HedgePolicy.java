package io.chorus.core;

import java.time.Duration;

/**
 * Opt-in hedging: when a call has not finished after a delay, a duplicate goes out (to the same
 * model, or to {@code target}); the first success wins and the others are cancelled. Extra calls
 * and their cost are counted in the call's attempts.
 *
 * <p>The delay is fixed, or the {@code quantile} of latencies observed so far for the model (at
 * least {@code minSamples} of them; before that, {@code delay} is used).
 *
 * <p>A hedge never queues: it goes out only if its model's concurrency limits and rate buckets have
 * room at that moment, else it is skipped. Streaming calls are never hedged (two streams would
 * interleave in one observer). The losing attempt is interrupted and recorded as cancelled.
 *
 * @param delay the fixed delay, or the delay used until enough samples exist
 * @param quantile the latency quantile in (0, 1) to wait for, or 0 for a fixed delay
 * @param minSamples samples needed before the quantile is used
 * @param maxHedges extra calls at most per call
 * @param target the model hedges go to, or null for the same model
 */
public record HedgePolicy(Duration delay, double quantile, int minSamples, int maxHedges, ModelId target) {

  public HedgePolicy {
    Checks.positive("hedge.delay", delay);
    if (!(quantile >= 0 && quantile < 1)) {
      throw new IllegalArgumentException("hedge.quantile must be in [0, 1), was " + quantile);
    }
    Checks.nonNegative("hedge.minSamples", minSamples);
    Checks.positive("hedge.maxHedges", maxHedges);
  }

  /** One hedge after a fixed delay, to the same model. */
  public static HedgePolicy after(Duration delay) {
    return new HedgePolicy(delay, 0, 0, 1, null);
  }

  /** One hedge after the given latency quantile (e.g. 0.95), {@code initial} until 20 samples. */
  public static HedgePolicy atQuantile(double quantile, Duration initial) {
    return new HedgePolicy(initial, quantile, 20, 1, null);
  }

  public HedgePolicy to(ModelId other) {
    return new HedgePolicy(delay, quantile, minSamples, maxHedges, other);
  }
}
