package io.chorus.core;

import java.time.Duration;
import java.util.List;

/**
 * Models to try, in order, when a model cannot answer: its circuit breaker is open, its retries are
 * exhausted, or its quota is gone. A model that failed for good is not tried again for {@code
 * cooldown} (calls go straight to the next one).
 *
 * @param models the fallbacks, in order (the primary model is not included)
 * @param cooldown how long a failed model is skipped
 */
public record FallbackChain(List<ModelId> models, Duration cooldown) {

  public static final FallbackChain NONE = new FallbackChain(List.of(), Duration.ofSeconds(30));

  public FallbackChain {
    models = List.copyOf(models);
    Checks.nonNegative("fallback.cooldown", cooldown);
  }

  public static FallbackChain of(ModelId... models) {
    return new FallbackChain(List.of(models), Duration.ofSeconds(30));
  }

  public static FallbackChain of(String... models) {
    return new FallbackChain(java.util.Arrays.stream(models).map(ModelId::parse).toList(), Duration.ofSeconds(30));
  }
}
