package io.chorus.core;

import java.time.Duration;

/**
 * A circuit breaker per provider+model. Closed: calls pass and outcomes fill a sliding window of
 * the last {@code windowSize} attempts. When at least {@code minimumCalls} are recorded and the
 * failure rate reaches {@code failureRateThreshold}, it opens: calls fail at once (or go to the
 * model's fallback) for {@code openDuration} (the cooldown). Then half-open: up to {@code
 * halfOpenCalls} trial calls pass; if they all succeed it closes, and any failure opens it again.
 *
 * <p>Only failures that say something about the model's health count: server errors, overload,
 * timeouts, connection failures, malformed responses. Rate limits, invalid requests and
 * authentication errors do not.
 */
public record CircuitBreakerPolicy(
    double failureRateThreshold, int windowSize, int minimumCalls, Duration openDuration, int halfOpenCalls) {

  public static final CircuitBreakerPolicy DEFAULT = new CircuitBreakerPolicy(0.5, 20, 10, Duration.ofSeconds(30), 1);

  /** A breaker that never opens. */
  public static final CircuitBreakerPolicy DISABLED =
      new CircuitBreakerPolicy(1.0, 1, Integer.MAX_VALUE, Duration.ofSeconds(1), 1);

  public CircuitBreakerPolicy {
    if (!(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
      throw new IllegalArgumentException(
          "circuitBreaker.failureRateThreshold must be in (0, 1], was " + failureRateThreshold);
    }
    Checks.positive("circuitBreaker.windowSize", windowSize);
    Checks.positive("circuitBreaker.minimumCalls", minimumCalls);
    Checks.positive("circuitBreaker.openDuration", openDuration);
    Checks.positive("circuitBreaker.halfOpenCalls", halfOpenCalls);
  }
}
