package io.chorus.config;

import io.chorus.core.FallbackChain;
import java.util.List;

/**
 * Settings for one model ({@code provider:model}), all optional. The policies apply over its
 * provider's.
 *
 * @param limits limits on top of the provider's
 * @param price USD per million tokens
 * @param retry retries
 * @param circuitBreaker its breaker
 * @param hedge {@code 2s}, {@code p95} or {@code off} ({@link HedgeText})
 * @param timeouts time limits (not {@code connect})
 * @param fallback the models tried in order when it fails ({@code [openai:gpt-4o-mini, sim:fast]})
 * @param contextWindow its context window in tokens: a request estimated over it fails before it is
 *     sent ({@code context_too_long}); overrides the built-in catalog
 */
public record ModelSettings(
    LimitsSettings limits,
    PriceSettings price,
    RetrySettings retry,
    CircuitBreakerSettings circuitBreaker,
    String hedge,
    TimeoutSettings timeouts,
    List<String> fallback,
    Long contextWindow) {

  public ModelSettings {
    PolicySettings.checkHedge(hedge);
    TimeoutSettings.noConnect(timeouts);
    fallback = PolicySettings.checkFallback(fallback);
    if (contextWindow != null && contextWindow <= 0) {
      throw new IllegalArgumentException(
          "context_window must be a positive number of tokens, was " + contextWindow);
    }
  }

  /** The fallback chain, or null when none is set. */
  public FallbackChain fallbackChain() {
    return fallback == null || fallback.isEmpty()
        ? null
        : FallbackChain.of(fallback.toArray(String[]::new));
  }
}
