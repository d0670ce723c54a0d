package io.chorus.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What the engine tells a {@link Provider} about one attempt.
 *
 * @param callId the engine's id of the call, for logs ({@code run-id/call-index})
 * @param attempt the attempt number, from 1
 * @param attemptTimeout how long this attempt may take in all (already clipped to the call and run
 *     deadlines)
 * @param firstTokenTimeout for streams, the longest wait for the first token, or null for none
 * @param idleTimeout for streams, the longest silence between chunks, or null for none
 */
public record CallContext(
    String callId, int attempt, Duration attemptTimeout, Duration firstTokenTimeout, Duration idleTimeout) {

  public CallContext {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1");
    }
  }

  /** A context for a single call outside the engine (tests, tools). */
  public static CallContext standalone(Duration timeout) {
    return new CallContext("standalone", 1, timeout, null, null);
  }
}
