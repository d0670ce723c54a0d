package io.chorus.sim.internal;

/** Error classes the simulator can answer with; each protocol renders its own status and body. */
enum ErrorKind {
  INVALID_REQUEST,
  AUTHENTICATION,
  NOT_FOUND,
  RATE_LIMIT,
  QUOTA,
  SERVER,
  UNAVAILABLE,
  OVERLOADED
}
