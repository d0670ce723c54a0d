package io.chorus.config;

import io.chorus.core.ModelPolicies;

/**
 * The mapping of the policy keys shared by {@code defaults}, {@code providers.*} and {@code
 * models.*}.
 */
final class PolicySettings {

  private PolicySettings() {}

  /** Validates the {@code hedge} text, naming the key. */
  static void checkHedge(String hedge) {
    if (hedge != null) {
      try {
        HedgeText.parse(hedge);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("hedge: " + e.getMessage());
      }
    }
  }

  /** Validates a fallback list, naming the key and the bad entry; an unmodifiable copy, or null. */
  static java.util.List<String> checkFallback(java.util.List<String> fallback) {
    if (fallback == null) {
      return null;
    }
    for (String m : fallback) {
      try {
        io.chorus.core.ModelId.parse(m);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "fallback: '" + m + "' is not a model (write provider:model)");
      }
    }
    return java.util.List.copyOf(fallback);
  }

  /** The settings over {@code base} (every field of which is set). */
  static ModelPolicies over(
      ModelPolicies base,
      RetrySettings retry,
      TimeoutSettings timeouts,
      String hedge,
      CircuitBreakerSettings breaker) {
    return new ModelPolicies(
        retry == null ? base.retry() : retry.apply(base.retry()),
        timeouts == null ? base.timeouts() : timeouts.apply(base.timeouts()),
        hedge == null ? base.hedge() : HedgeText.parse(hedge),
        breaker == null ? base.circuitBreaker() : breaker.apply(base.circuitBreaker()));
  }
}
