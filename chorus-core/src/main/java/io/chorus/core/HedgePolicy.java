package io.chorus.core;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * <p>{@link #NONE} is the explicit "no hedging" (the engine's default): given as a call's option
 * ({@link CallOptions#withHedge}) it switches an engine-wide hedge off for that call. Build other
 * policies with {@link #builder()}, {@link #after} or {@link #atQuantile}. Immutable and
 * thread-safe.
 *
 * @param delay the fixed delay, or the delay used until enough samples exist
 * @param quantile the latency quantile in (0, 1) to wait for, or 0 for a fixed delay
 * @param minSamples samples needed before the quantile is used
 * @param maxHedges extra calls at most per call; 0 only for {@link #NONE}
 * @param target the model hedges go to, or null for the same model
 */
public record HedgePolicy(
    Duration delay, double quantile, int minSamples, int maxHedges, @Nullable ModelId target) {

  /** No hedging. */
  public static final HedgePolicy NONE = new HedgePolicy(Duration.ofDays(1), 0, 0, 0, null);

  public HedgePolicy {
    Checks.positive("hedge.delay", delay);
    if (!(quantile >= 0 && quantile < 1)) {
      throw new IllegalArgumentException("hedge.quantile must be in [0, 1), was " + quantile);
    }
    Checks.nonNegative("hedge.minSamples", minSamples);
    Checks.nonNegative("hedge.maxHedges", maxHedges);
  }

  /** Whether this policy sends hedges at all ({@link #NONE} does not). */
  public boolean enabled() {
    return maxHedges > 0;
  }

  /** One hedge after a fixed delay, to the same model. */
  public static HedgePolicy after(Duration delay) {
    return builder().delay(delay).build();
  }

  /** One hedge after the given latency quantile (e.g. 0.95), {@code initial} until 20 samples. */
  public static HedgePolicy atQuantile(double quantile, Duration initial) {
    return builder().delay(initial).quantile(quantile, 20).build();
  }

  public HedgePolicy to(ModelId other) {
    return new HedgePolicy(delay, quantile, minSamples, maxHedges, other);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().delay(delay).quantile(quantile, minSamples).maxHedges(maxHedges);
    return target != null ? b.target(target) : b.sameModel();
  }

  /** Builder; not thread-safe. Defaults: one hedge to the same model after 1 s. */
  public static final class Builder {
    private Duration delay = Duration.ofSeconds(1);
    private double quantile;
    private int minSamples;
    private int maxHedges = 1;
    private @Nullable ModelId target;

    private Builder() {}

    /** The fixed delay, or the delay used until {@code minSamples} latencies are known. */
    public Builder delay(Duration d) {
      delay = Objects.requireNonNull(d, "hedge.delay");
      return this;
    }

    /** Waits for the latency quantile {@code q} of the model once {@code minSamples} are known. */
    public Builder quantile(double q, int minSamples) {
      this.quantile = q;
      this.minSamples = minSamples;
      return this;
    }

    /** At least 1. */
    public Builder maxHedges(int n) {
      Checks.positive("hedge.maxHedges", n);
      maxHedges = n;
      return this;
    }

    /** Hedges go to {@code m} instead of the call's own model. */
    public Builder target(ModelId m) {
      target = Objects.requireNonNull(m, "hedge.target");
      return this;
    }

    /** Hedges go to the call's own model (the default). */
    public Builder sameModel() {
      target = null;
      return this;
    }

    public HedgePolicy build() {
      return new HedgePolicy(delay, quantile, minSamples, maxHedges, target);
    }
  }
}
