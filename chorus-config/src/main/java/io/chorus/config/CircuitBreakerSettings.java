package io.chorus.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.chorus.core.CircuitBreakerPolicy;

/**
 * A circuit breaker as written in {@code chorus.yaml}: {@code {failure_rate: 0.5, window: 20,
 * minimum_calls: 10, open_for: 30s, half_open_calls: 1}}, or {@code off} (never opens). Absent
 * fields keep the policy applied over.
 */
public record CircuitBreakerSettings(
    Boolean off,
    Double failureRate,
    Integer window,
    Integer minimumCalls,
    String openFor,
    Integer halfOpenCalls) {

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public CircuitBreakerSettings {
    if (failureRate != null && !(failureRate > 0 && failureRate <= 1)) {
      throw new IllegalArgumentException("failure_rate must be in (0, 1], was " + failureRate);
    }
    if (window != null && window <= 0) {
      throw new IllegalArgumentException(
          "window must be a positive number of attempts, was " + window);
    }
    if (minimumCalls != null && minimumCalls <= 0) {
      throw new IllegalArgumentException("minimum_calls must be positive, was " + minimumCalls);
    }
    if (halfOpenCalls != null && halfOpenCalls <= 0) {
      throw new IllegalArgumentException("half_open_calls must be positive, was " + halfOpenCalls);
    }
    DurationText.check("open_for", openFor);
  }

  /** {@code circuit_breaker: off}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static CircuitBreakerSettings of(String text) {
    if (text.strip().equalsIgnoreCase("off")) {
      return new CircuitBreakerSettings(true, null, null, null, null, null);
    }
    throw new IllegalArgumentException(
        "circuit_breaker must be 'off' or a mapping such as {failure_rate: 0.5, window: 20,"
            + " minimum_calls: 10, open_for: 30s}, was '"
            + text
            + "'");
  }

  /** These settings over {@code base}. */
  public CircuitBreakerPolicy apply(CircuitBreakerPolicy base) {
    if (Boolean.TRUE.equals(off)) {
      return CircuitBreakerPolicy.NONE;
    }
    CircuitBreakerPolicy.Builder b =
        (base.equals(CircuitBreakerPolicy.NONE) ? CircuitBreakerPolicy.DEFAULT : base).toBuilder();
    if (failureRate != null) {
      b.failureRateThreshold(failureRate);
    }
    if (window != null) {
      b.windowSize(window);
    }
    if (minimumCalls != null) {
      b.minimumCalls(minimumCalls);
    }
    if (openFor != null) {
      b.openDuration(DurationText.parse(openFor));
    }
    if (halfOpenCalls != null) {
      b.halfOpenCalls(halfOpenCalls);
    }
    return b.build();
  }
}
