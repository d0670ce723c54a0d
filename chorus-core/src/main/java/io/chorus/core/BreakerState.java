package io.chorus.core;

/** The state of a circuit breaker; see {@link CircuitBreakerPolicy}. */
public enum BreakerState {
  CLOSED,
  OPEN,
  HALF_OPEN
}
