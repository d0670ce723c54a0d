package io.chorus.core;

import java.time.Instant;
import java.util.List;

/**
 * A call was refused because its model's circuit breaker is open and no fallback could answer: the
 * breaker did not half-open within the call's deadline, or its half-open probes kept failing for
 * longer than the call's retries allow. {@link #causes()} are the provider failures that opened it
 * (the last few it counted), so that a refused call still names the outage behind it.
 */
public final class CircuitOpenException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ModelId model;
  private final Instant retryAt;
  private final transient List<ProviderError> causes;

  public CircuitOpenException(ModelId model, Instant retryAt) {
    this(model, retryAt, List.of());
  }

  /**
   * @param causes the failures that opened the breaker, oldest first (may be empty)
   */
  public CircuitOpenException(ModelId model, Instant retryAt, List<ProviderError> causes) {
    super(describe(model, retryAt, causes));
    this.model = model;
    this.retryAt = retryAt;
    this.causes = List.copyOf(causes);
  }

  private static String describe(ModelId model, Instant retryAt, List<ProviderError> causes) {
    StringBuilder sb =
        new StringBuilder("circuit breaker for ")
            .append(model)
            .append(" is open until ")
            .append(retryAt);
    if (!causes.isEmpty()) {
      sb.append("; opened by ");
      for (int i = 0; i < causes.size(); i++) {
        ProviderError e = causes.get(i);
        sb.append(i == 0 ? "" : "; ").append(e.kind());
        if (e.httpStatus() > 0) {
          sb.append(" (HTTP ").append(e.httpStatus()).append(')');
        }
        sb.append(": ").append(e.message());
      }
    }
    return sb.toString();
  }

  public ModelId model() {
    return model;
  }

  public Instant retryAt() {
    return retryAt;
  }

  /** The provider failures that opened the breaker, oldest first; empty when not known. */
  public List<ProviderError> causes() {
    return causes;
  }
}
