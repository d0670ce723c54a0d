package io.chorus.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Models to try, in order, when a model cannot answer: its circuit breaker is open, its retries are
 * exhausted, or its quota is gone. A model that failed for good is not tried again for {@code
 * cooldown} (calls go straight to the next one).
 *
 * <p>Build one with {@link #builder()} or {@link #of}, and change the cooldown (30 s unless set)
 * with {@link #withCooldown}. {@link #NONE} is the explicit "no fallback": given as a call's option
 * it switches off the model's configured chain for that call. Immutable and thread-safe.
 *
 * @param models the fallbacks, in order (the primary model is not included)
 * @param cooldown how long a failed model is skipped
 */
public record FallbackChain(List<ModelId> models, Duration cooldown) {

  /** The cooldown unless one is set. */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);

  /** No fallback. */
  public static final FallbackChain NONE = new FallbackChain(List.of(), DEFAULT_COOLDOWN);

  public FallbackChain {
    models = List.copyOf(models);
    Checks.nonNegative("fallback.cooldown", cooldown);
  }

  public static FallbackChain of(ModelId... models) {
    return new FallbackChain(List.of(models), DEFAULT_COOLDOWN);
  }

  public static FallbackChain of(String... models) {
    return new FallbackChain(Arrays.stream(models).map(ModelId::parse).toList(), DEFAULT_COOLDOWN);
  }

  /** This chain with another cooldown. */
  public FallbackChain withCooldown(Duration d) {
    return new FallbackChain(models, d);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().cooldown(cooldown);
    models.forEach(b::model);
    return b;
  }

  /** Builder; not thread-safe. */
  public static final class Builder {
    private final List<ModelId> models = new ArrayList<>();
    private Duration cooldown = DEFAULT_COOLDOWN;

    private Builder() {}

    /** Appends a fallback model. */
    public Builder model(ModelId m) {
      models.add(Objects.requireNonNull(m, "fallback.model"));
      return this;
    }

    public Builder model(String m) {
      return model(ModelId.parse(m));
    }

    /** How long a model that failed for good is skipped (0: never skipped). */
    public Builder cooldown(Duration d) {
      cooldown = Objects.requireNonNull(d, "fallback.cooldown");
      return this;
    }

    public FallbackChain build() {
      return new FallbackChain(models, cooldown);
    }
  }
}
