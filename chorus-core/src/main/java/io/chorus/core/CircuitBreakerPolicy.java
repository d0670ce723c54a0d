package io.chorus.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A circuit breaker per provider+model. Closed: calls pass and outcomes fill a sliding window of
 * the last {@code windowSize} attempts. When at least {@code minimumCalls} are recorded and the
 * failure rate reaches {@code failureRateThreshold}, it opens: calls fail at once (or go to the
 * model's fallback) for {@code openDuration} (the cooldown). Then half-open: up to {@code
 * halfOpenCalls} trial calls pass; if they all succeed it closes, and any failure opens it again.
 *
 * <p>Only failures that say something about the model's health count: server errors, overload,
 * timeouts, connection failures, malformed responses. Rate limits, invalid requests, authentication
 * errors and exceptions thrown by the caller's own {@link StreamObserver} do not.
 *
 * <p>Build one with {@link #builder()} (defaults: 50% of the last 20 attempts, at least 10 of them,
 * open for 30 s, one trial call); {@link #NONE} never opens. Immutable and thread-safe.
 *
 * @param failureRateThreshold the failure rate in (0, 1] that opens the breaker
 * @param windowSize the attempts the failure rate is computed over
 * @param minimumCalls attempts needed in the window before it can open
 * @param openDuration how long it stays open before trial calls pass
 * @param halfOpenCalls trial calls let through while half-open
 */
public record CircuitBreakerPolicy(
    double failureRateThreshold,
    int windowSize,
    int minimumCalls,
    Duration openDuration,
    int halfOpenCalls) {

  public static final CircuitBreakerPolicy DEFAULT = builder().build();

  /** A breaker that never opens. */
  public static final CircuitBreakerPolicy NONE =
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

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .failureRateThreshold(failureRateThreshold)
        .windowSize(windowSize)
        .minimumCalls(minimumCalls)
        .openDuration(openDuration)
        .halfOpenCalls(halfOpenCalls);
  }

  /** Builder; not thread-safe. {@link #build()} validates, naming the field. */
  public static final class Builder {
    private double failureRateThreshold = 0.5;
    private int windowSize = 20;
    private int minimumCalls = 10;
    private Duration openDuration = Duration.ofSeconds(30);
    private int halfOpenCalls = 1;

    private Builder() {}

    public Builder failureRateThreshold(double v) {
      failureRateThreshold = v;
      return this;
    }

    public Builder windowSize(int v) {
      windowSize = v;
      return this;
    }

    public Builder minimumCalls(int v) {
      minimumCalls = v;
      return this;
    }

    /** How long the breaker stays open (the cooldown) before trial calls pass. */
    public Builder openDuration(Duration v) {
      openDuration = Objects.requireNonNull(v, "circuitBreaker.openDuration");
      return this;
    }

    public Builder halfOpenCalls(int v) {
      halfOpenCalls = v;
      return this;
    }

    public CircuitBreakerPolicy build() {
      return new CircuitBreakerPolicy(
          failureRateThreshold, windowSize, minimumCalls, openDuration, halfOpenCalls);
    }
  }
}
