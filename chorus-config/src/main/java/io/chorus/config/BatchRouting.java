package io.chorus.config;

import io.chorus.core.Engine;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.ModelPolicies;
import io.chorus.core.Timeouts;
import io.chorus.providers.BatchApi;
import io.chorus.providers.BatchLedger;
import io.chorus.providers.BatchRoute;
import io.chorus.providers.BatchStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The batch route on a configured engine ({@code --via batch-api}): every provider with a batch API
 * (Anthropic, OpenAI, the simulator) is wrapped in a {@link BatchRoute}, and the engine is set for
 * calls that take minutes to hours — a 25-hour attempt timeout (the providers' window is 24 h), no
 * hedging, concurrency {@code inFlight} with no request or token rate (a batch has its own queue:
 * the per-minute limits of calls do not apply), and those providers' prices at the batch rate, so
 * that budgets and reports count what the batch costs.
 *
 * {@snippet :
 * ConfiguredEngine.open(config, models, listeners, b -> BatchRouting.builder(config.config())
 *     .ledger(BatchLedger.file(Path.of("out.provider-batches.jsonl"))).build().accept(b));
 * }
 *
 * <p>Immutable; {@link #accept} may be applied to several builders.
 */
public final class BatchRouting implements Consumer<Engine.Builder> {
  /** The providers whose calls go through a batch API when configured ({@link BatchApi#of}). */
  public static final Set<String> BATCHED = Set.of("anthropic", "openai", "sim");

  private static final Duration WINDOW = Duration.ofHours(25);

  private final ChorusConfig config;
  private final BatchLedger ledger;
  private final Duration pollInterval;
  private final Duration linger;
  private final int inFlight;
  private final Consumer<BatchStatus> onStatus;

  private BatchRouting(Builder b) {
    this.config = b.config;
    this.ledger = b.ledger;
    this.pollInterval = b.pollInterval;
    this.linger = b.linger;
    this.inFlight = b.inFlight;
    this.onStatus = b.onStatus;
  }

  public static Builder builder(ChorusConfig config) {
    return new Builder(config);
  }

  /** Builds a {@link BatchRouting}; not thread-safe. */
  public static final class Builder {
    private final ChorusConfig config;
    private BatchLedger ledger = BatchLedger.inMemory();
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration linger = Duration.ofMillis(200);
    private int inFlight = 10_000;
    private Consumer<BatchStatus> onStatus = s -> {};

    private Builder(ChorusConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Where submitted batches are recorded (default in memory: a rerun submits again). */
    public Builder ledger(BatchLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /** How often a batch's status is asked for (default 5 s). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
      return this;
    }

    /** How long a wave stays open after the last call joined it (default 200 ms). */
    public Builder linger(Duration linger) {
      this.linger = Objects.requireNonNull(linger, "linger");
      return this;
    }

    /** Calls in flight at once, that is the most one wave gathers (default 10,000). */
    public Builder inFlight(int inFlight) {
      if (inFlight <= 0) {
        throw new IllegalArgumentException("inFlight (" + inFlight + ") must be positive");
      }
      this.inFlight = inFlight;
      return this;
    }

    /** Hears every batch's status (created, then at each poll); must be fast. */
    public Builder onStatus(Consumer<BatchStatus> onStatus) {
      this.onStatus = Objects.requireNonNull(onStatus, "onStatus");
      return this;
    }

    public BatchRouting build() {
      return new BatchRouting(this);
    }
  }

  @Override
  public void accept(Engine.Builder b) {
    b.route(
        p ->
            BatchApi.of(p).isPresent()
                ? BatchRoute.builder(p)
                    .ledger(ledger)
                    .pollInterval(pollInterval)
                    .linger(linger)
                    .onStatus(onStatus)
                    .build()
                : p);
    b.prices(ConfiguredEngine.prices(config).atBatchRate(BATCHED));
    Timeouts long24 = new Timeouts(WINDOW, null, null, null);
    b.timeouts(long24).hedge(HedgePolicy.NONE);
    ModelPolicies batch = new ModelPolicies(null, long24, HedgePolicy.NONE, null);
    b.defaultLimits(Limits.concurrency(inFlight));
    for (String p : BATCHED) {
      b.limits(p, Limits.concurrency(inFlight));
      b.policies(p, batch.over(ConfiguredEngine.providerPolicies(config, p)));
    }
    for (Map.Entry<String, ModelSettings> e : config.models().entrySet()) {
      ModelId id = ModelId.parse(e.getKey());
      if (BATCHED.contains(id.provider())) {
        b.limits(id, Limits.concurrency(inFlight));
        b.policies(id, batch.over(ConfiguredEngine.modelPolicies(config, id)));
      }
    }
  }
}
