package io.chorus.sim.internal;

import io.chorus.core.ModelCatalog;
import io.chorus.core.ModelId;
import io.chorus.core.Sleeper;
import io.chorus.core.TimeSource;
import io.chorus.sim.FaultRule;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.RateLimits;
import io.chorus.sim.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a running simulator was configured with. Immutable.
 *
 * @param seed the seed for all randomness
 * @param models behaviour per model name (built-ins merged with configured ones)
 * @param defaultBehaviour behaviour for any other model name
 * @param keyLimits rate limits per raw API key, overriding the model's
 * @param faults faults for every model
 * @param rules scripted answers, first match wins
 * @param requireApiKey whether requests without a key get 401
 * @param time the clock (rate-limit buckets, cache TTLs, timestamps)
 * @param sleeper how latency is waited
 * @param stallLimit how long a stalled connection is held at most
 * @param batches how the batch APIs behave (processing time, expiry, size limit)
 * @param declared model names the configuration declared (models, rules, faults): known under every
 *     provider name, beside the {@link ModelCatalog} ids
 */
public record Settings(
    long seed,
    Map<String, ModelBehaviour> models,
    ModelBehaviour defaultBehaviour,
    Map<String, RateLimits> keyLimits,
    List<FaultRule> faults,
    List<Rule> rules,
    boolean requireApiKey,
    TimeSource time,
    Sleeper sleeper,
    Duration stallLimit,
    BatchSettings batches,
    java.util.Set<String> declared) {

  private static final ModelCatalog CATALOG = ModelCatalog.defaults();

  public Settings {
    declared = java.util.Set.copyOf(declared);
    models = Map.copyOf(models);
    keyLimits = Map.copyOf(keyLimits);
    faults = List.copyOf(faults);
    rules = List.copyOf(rules);
  }

  /**
   * Whether the simulator, standing in for {@code provider} (a path prefix such as {@code
   * /anthropic}), serves {@code model}: a published id of that provider, or a declared name.
   */
  boolean serves(String provider, String model) {
    return declared.contains(model) || CATALOG.knows(new ModelId(provider, model));
  }

  ModelBehaviour behaviour(String model) {
    ModelBehaviour b = models.get(model);
    return b != null ? b : defaultBehaviour;
  }
}
