package io.chorus.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Everything an {@link Engine} was built with. Immutable; produced by {@link Engine.Builder}.
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
 * @param cache the response cache, or null
 * @param shutdownGrace how long {@link Engine#close()} lets in-flight calls finish
 * @param budget the most the engine may spend ({@link Budget#none()} for no limit)
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
    @Nullable ResponseCache cache,
    Duration shutdownGrace,
    Budget budget,
    @Nullable SharedLimiter sharedLimiter) {

  /** A configuration whose rate limits are this engine's alone. */
  public EngineConfig(
      Map<String, Provider> providers, TimeSource time, Sleeper sleeper, RandomGenerator random, @Nullable Long seed,
      List<EngineListener> listeners, Map<String, Limits> providerLimits, Map<ModelId, Limits> modelLimits,
      Limits defaultLimits, RetryPolicy retry, Timeouts timeouts, CircuitBreakerPolicy circuitBreaker, HedgePolicy hedge,
      Map<ModelId, FallbackChain> fallbacks, PriceTable prices, DeadLetterSink deadLetters, @Nullable ResponseCache cache,
      Duration shutdownGrace, Budget budget) {
    this(providers, time, sleeper, random, seed, listeners, providerLimits, modelLimits, defaultLimits, retry, timeouts,
        circuitBreaker, hedge, fallbacks, prices, deadLetters, cache, shutdownGrace, budget, null);
  }

  public EngineConfig {
    providers = Map.copyOf(providers);
    listeners = List.copyOf(listeners);
    providerLimits = Map.copyOf(providerLimits);
    modelLimits = Map.copyOf(modelLimits);
    fallbacks = Map.copyOf(fallbacks);
    if (hedge == null) {
      hedge = HedgePolicy.NONE;
    }
    Checks.nonNegative("engine.shutdownGrace", shutdownGrace);
    if (budget == null) {
      budget = Budget.none();
    }
  }
}
