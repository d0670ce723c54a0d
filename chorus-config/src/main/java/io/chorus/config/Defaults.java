package io.chorus.config;

import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;

/**
 * Defaults for every command.
 *
 * @param model the model used when a command names none, as {@code provider:model}
 * @param failurePolicy {@code ignore}, {@code fail-fast}, {@code retry[:N]}, {@code require-all} or {@code quorum:K}
 * @param timeouts call timeouts
 * @param retries retries after the first attempt
 * @param concurrency calls in flight at once for providers without their own limit
 */
public record Defaults(String model, String failurePolicy, TimeoutSettings timeouts, Integer retries, Integer concurrency) {

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
  }
}
