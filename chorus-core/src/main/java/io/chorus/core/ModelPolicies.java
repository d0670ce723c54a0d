package io.chorus.core;

import org.jspecify.annotations.Nullable;

/**
 * The policies of the calls to one provider or one model, over the engine's defaults ({@link
 * Engine.Builder#policies(String, ModelPolicies)}, {@link Engine.Builder#policies(ModelId,
 * ModelPolicies)}). A policy left unset (null) is inherited.
 *
 * <p>Which policy a call gets, first match wins: the call's own {@link CallOptions}, its model's
 * policies, its provider's policies, the engine's. The breaker is kept per provider+model and built
 * once with the policy resolved for its model. A call that falls back to another model keeps the
 * retry, hedge and timeouts resolved for the model it asked for (one call, one set of rules); the
 * breaker is always the fallback model's own.
 *
 * <p>Build with {@link #builder()}; {@link #INHERIT} sets nothing. Immutable and thread-safe.
 *
 * @param retry retries, or null to inherit
 * @param timeouts time limits, or null to inherit
 * @param hedge hedging ({@link HedgePolicy#NONE} to switch an engine-wide hedge off), or null
 * @param circuitBreaker the breaker ({@link CircuitBreakerPolicy#NONE} never opens), or null
 */
public record ModelPolicies(
    @Nullable RetryPolicy retry,
    @Nullable Timeouts timeouts,
    @Nullable HedgePolicy hedge,
    @Nullable CircuitBreakerPolicy circuitBreaker) {

  /** Inherits every policy. */
  public static final ModelPolicies INHERIT = new ModelPolicies(null, null, null, null);

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .retry(retry)
        .timeouts(timeouts)
        .hedge(hedge)
        .circuitBreaker(circuitBreaker);
  }

  /** These policies where set, else {@code base}'s. */
  public ModelPolicies over(ModelPolicies base) {
    return new ModelPolicies(
        retry != null ? retry : base.retry,
        timeouts != null ? timeouts : base.timeouts,
        hedge != null ? hedge : base.hedge,
        circuitBreaker != null ? circuitBreaker : base.circuitBreaker);
  }

  /** Builder; not thread-safe. Null leaves a policy inherited. */
  public static final class Builder {
    private @Nullable RetryPolicy retry;
    private @Nullable Timeouts timeouts;
    private @Nullable HedgePolicy hedge;
    private @Nullable CircuitBreakerPolicy circuitBreaker;

    private Builder() {}

    public Builder retry(@Nullable RetryPolicy v) {
      retry = v;
      return this;
    }

    public Builder timeouts(@Nullable Timeouts v) {
      timeouts = v;
      return this;
    }

    public Builder hedge(@Nullable HedgePolicy v) {
      hedge = v;
      return this;
    }

    public Builder circuitBreaker(@Nullable CircuitBreakerPolicy v) {
      circuitBreaker = v;
      return this;
    }

    public ModelPolicies build() {
      return new ModelPolicies(retry, timeouts, hedge, circuitBreaker);
    }
  }
}
