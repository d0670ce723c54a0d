package io.chorus.core;

import java.time.Instant;
import java.util.List;

/**
 * A call that failed for good, kept so that it can be inspected or replayed.
 *
 * @param runId the run it belonged to
 * @param callId {@code runId/index}
 * @param request the request (its metadata included); never contains API keys
 * @param errorKind the error class, e.g. {@code rate_limited}
 * @param message the error message
 * @param attempts every attempt made
 * @param at when it was given up
 */
public record DeadLetter(
    String runId,
    String callId,
    ChatRequest request,
    String errorKind,
    String message,
    List<Attempt> attempts,
    Instant at) {

  public DeadLetter {
    attempts = List.copyOf(attempts);
  }
}
