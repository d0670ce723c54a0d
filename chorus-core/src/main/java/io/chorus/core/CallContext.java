package io.chorus.core;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the engine tells a {@link Provider} about one attempt.
 *
 * @param callId the engine's id of the call, for logs ({@code run-id/call-index})
 * @param attempt the attempt number, from 1
 * @param attemptTimeout how long this attempt may take in all (already clipped to the call and run
 *     deadlines)
 * @param firstTokenTimeout for streams, the longest wait for the first token, or null for none
 * @param idleTimeout for streams, the longest silence between chunks, or null for none
 * @param callerEnforcesTimeout true when the caller interrupts the attempt's thread once {@code
 *     attemptTimeout} has passed (the engine does), so a provider that cancels its I/O on
 *     interrupt, as every provider must, need not run a timer of its own for it; false for
 *     standalone calls, where the provider enforces the timeout itself
 */
public record CallContext(
    String callId,
    int attempt,
    Duration attemptTimeout,
    @Nullable Duration firstTokenTimeout,
    @Nullable Duration idleTimeout,
    boolean callerEnforcesTimeout) {

  public CallContext {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1");
    }
  }

  /** A context whose attempt timeout the provider enforces itself. */
  public CallContext(
      String callId,
      int attempt,
      Duration attemptTimeout,
      Duration firstTokenTimeout,
      Duration idleTimeout) {
    this(callId, attempt, attemptTimeout, firstTokenTimeout, idleTimeout, false);
  }

  /** A context for a single call outside the engine (tests, tools). */
  public static CallContext standalone(Duration timeout) {
    return new CallContext("standalone", 1, timeout, null, null);
  }
}
