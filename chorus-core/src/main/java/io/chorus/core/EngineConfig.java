package io.chorus.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Everything an {@link Engine} was built with. Immutable; produced by {@link Engine.Builder}, the
 * one way to make one (the record has no shorter constructors: a field added to the engine is added
 * here and in the builder, nowhere else).
 *
 * @param providers providers by name
 * @param time the clock
 * @param sleeper how known waits happen
 * @param random randomness for jitter (seeded in tests); the engine guards it with a lock
 * @param seed the seed {@code random} was created from, logged for reproduction, or null
 * @param listeners event listeners, called in order
 * @param providerLimits limits per provider name
 * @param modelLimits limits per model
 * @param defaultLimits limits for providers without their own entry
 * @param retry the default retry policy
 * @param timeouts the default timeouts
 * @param circuitBreaker the breaker policy applied per provider+model
 * @param hedge the default hedge policy ({@link HedgePolicy#NONE} for none; null is read as none)
 * @param fallbacks fallback chains per model
 * @param prices the price table
 * @param deadLetters where dead letters go besides memory
 * @param cache the response cache, {@link ResponseCache#NONE} for none
 * @param shutdownGrace how long {@link Engine#close()} lets in-flight calls finish
 * @param budget the most the engine may spend ({@link Budget#none()} for no limit)
 * @param sharedLimiter rate limits shared with other engines, or null for this engine's own
 * @param providerPolicies retry, timeouts, hedge and breaker per provider name, over the defaults
 * @param modelPolicies the same per model, over its provider's
 * @param catalog the known models' context windows: a request estimated over its model's window
 *     fails before it is sent
 * @param threads where the engine's threads come from (attempts, hedges, fan-out tasks, its alarm
 *     thread), or null for new virtual threads; see {@link Engine.Builder#threads}
 * @param prefixCaching whether fan-outs cache the prompt prefix their calls share ({@link
 *     SharedPrefix}; null is read as {@link PrefixCaching#AUTO})
 */
public record EngineConfig(
    Map<String, Provider> providers,
    TimeSource time,
    Sleeper sleeper,
    RandomGenerator random,
    @Nullable Long seed,
    List<EngineListener> listeners,
    Map<String, Limits> providerLimits,
    Map<ModelId, Limits> modelLimits,
    Limits defaultLimits,
    RetryPolicy retry,
    Timeouts timeouts,
    CircuitBreakerPolicy circuitBreaker,
    HedgePolicy hedge,
    Map<ModelId, FallbackChain> fallbacks,
    PriceTable prices,
    DeadLetterSink deadLetters,
    ResponseCache cache,
    Duration shutdownGrace,
    Budget budget,
    @Nullable SharedLimiter sharedLimiter,
    Map<String, ModelPolicies> providerPolicies,
    Map<ModelId, ModelPolicies> modelPolicies,
    ModelCatalog catalog,
    @Nullable ThreadFactory threads,
    PrefixCaching prefixCaching) {

  public EngineConfig {
    providers = Map.copyOf(providers);
    listeners = List.copyOf(listeners);
    providerLimits = Map.copyOf(providerLimits);
    modelLimits = Map.copyOf(modelLimits);
    fallbacks = Map.copyOf(fallbacks);
    if (hedge == null) {
      hedge = HedgePolicy.NONE;
    }
    Objects.requireNonNull(cache, "cache (ResponseCache.NONE for none)");
    Checks.nonNegative("engine.shutdownGrace", shutdownGrace);
    if (budget == null) {
      budget = Budget.none();
    }
    providerPolicies = providerPolicies == null ? Map.of() : Map.copyOf(providerPolicies);
    modelPolicies = modelPolicies == null ? Map.of() : Map.copyOf(modelPolicies);
    if (catalog == null) {
      catalog = ModelCatalog.empty();
    }
    if (prefixCaching == null) {
      prefixCaching = PrefixCaching.AUTO;
    }
  }

  /**
   * The policies a call to {@code model} gets when its options set none: the model's, else its
   * provider's, else the engine's. Every field of the result is set.
   */
  public ModelPolicies policiesFor(ModelId model) {
    ModelPolicies engine = new ModelPolicies(retry, timeouts, hedge, circuitBreaker);
    ModelPolicies p =
        providerPolicies.getOrDefault(model.provider(), ModelPolicies.INHERIT).over(engine);
    return modelPolicies.getOrDefault(model, ModelPolicies.INHERIT).over(p);
  }
}
