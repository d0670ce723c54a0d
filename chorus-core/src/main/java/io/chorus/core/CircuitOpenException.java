package io.chorus.core;

import java.time.Instant;

/** A call was refused because its model's circuit breaker is open and no fallback could answer. */
public final class CircuitOpenException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ModelId model;
  private final Instant retryAt;

  public CircuitOpenException(ModelId model, Instant retryAt) {
    super("circuit breaker for " + model + " is open until " + retryAt);
    this.model = model;
    this.retryAt = retryAt;
  }

  public ModelId model() {
    return model;
  }

  public Instant retryAt() {
    return retryAt;
  }
}
