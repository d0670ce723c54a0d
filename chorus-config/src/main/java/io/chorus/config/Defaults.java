package io.chorus.config;

import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;

/**
 * Defaults for every command, and the policies of every call unless a provider or model sets its
 * own.
 *
 * @param model the model used when a command names none, as {@code provider:model}
 * @param failurePolicy {@code ignore}, {@code fail-fast}, {@code retry[:N]}, {@code require-all} or
 *     {@code quorum:K}
 * @param timeouts call timeouts, and the HTTP connect timeout
 * @param retries retries after the first attempt (shorthand for {@code retry.max_retries}, which
 *     wins)
 * @param concurrency calls in flight at once for providers without their own limit
 * @param retry retries and backoff
 * @param circuitBreaker the breaker of every model
 * @param hedge {@code 2s}, {@code p95} or {@code off} ({@link HedgeText}) for every call
 * @param responses caps on response and event sizes
 * @param fallback the models tried in order when a model without its own {@code fallback} fails (a
 *     model is never its own fallback)
 * @param cachePrefix whether fan-outs cache the prompt prefix their calls share (one leader call
 *     first, the others reading the provider's cache); null or true: yes, false: no ({@code
 *     --no-cache-prefix})
 */
public record Defaults(
    String model,
    String failurePolicy,
    TimeoutSettings timeouts,
    Integer retries,
    Integer concurrency,
    RetrySettings retry,
    CircuitBreakerSettings circuitBreaker,
    String hedge,
    ResponseSettings responses,
    java.util.List<String> fallback,
    Boolean cachePrefix) {

  public static final Defaults NONE =
      new Defaults(null, null, null, null, null, null, null, null, null, null, null);

  public Defaults {
    if (model != null) {
      ModelId.parse(model);
    }
    if (failurePolicy != null) {
      FailurePolicy.parse(failurePolicy);
    }
    if (retries != null && retries < 0) {
      throw new IllegalArgumentException("retries must not be negative, was " + retries);
    }
    if (concurrency != null && concurrency <= 0) {
      throw new IllegalArgumentException("concurrency must be positive, was " + concurrency);
    }
    PolicySettings.checkHedge(hedge);
    fallback = PolicySettings.checkFallback(fallback);
  }

  /** These defaults with {@code h} ({@link HedgeText}) as the hedge of every call. */
  public Defaults withHedge(String h) {
    return new Defaults(
        model,
        failurePolicy,
        timeouts,
        retries,
        concurrency,
        retry,
        circuitBreaker,
        h,
        responses,
        fallback,
        cachePrefix);
  }

  /** These defaults with {@code models} as the fallback of every model without its own. */
  public Defaults withFallback(java.util.List<String> models) {
    return new Defaults(
        model,
        failurePolicy,
        timeouts,
        retries,
        concurrency,
        retry,
        circuitBreaker,
        hedge,
        responses,
        models,
        cachePrefix);
  }

  /** These defaults with fan-outs' shared prefixes cached ({@code true}) or not. */
  public Defaults withCachePrefix(boolean cache) {
    return new Defaults(
        model,
        failurePolicy,
        timeouts,
        retries,
        concurrency,
        retry,
        circuitBreaker,
        hedge,
        responses,
        fallback,
        cache);
  }
}
