package io.chorus.observe;

import io.chorus.core.Attempt;
import io.chorus.core.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything recorded about one call or task, for reports.
 *
 * @param callId {@code runId/index}
 * @param runId the run it belonged to
 * @param label the run's label, or null
 * @param model the requested model, or null for tasks that are not calls
 * @param metadata the request's metadata (voter, section...), possibly empty
 * @param queuedAt when it was submitted
 * @param admittedAt when it passed the concurrency limit, or null
 * @param endedAt when it ended
 * @param attempts its attempts (retries, hedges, fallbacks), each with first-token time
 * @param rateLimitWaits intervals spent waiting for a rate-limit bucket
 * @param cacheHit whether the response cache answered it
 * @param outcome {@code success}, {@code failure}, {@code cancelled} or {@code timed_out}
 * @param errorKind the error class when it did not succeed, else null
 * @param errorMessage the error message when it did not succeed, else null
 * @param usage tokens used
 * @param costUsd its cost
 * @param synthetic whether its answer or failure came from the simulator ({@link
 *     io.chorus.core.Outcome#synthetic()})
 */
public record CallTrace(
    String callId,
    String runId,
    @Nullable String label,
    @Nullable String model,
    Map<String, String> metadata,
    Instant queuedAt,
    @Nullable Instant admittedAt,
    Instant endedAt,
    List<Attempt> attempts,
    List<Interval> rateLimitWaits,
    boolean cacheHit,
    String outcome,
    @Nullable String errorKind,
    @Nullable String errorMessage,
    Usage usage,
    double costUsd,
    boolean synthetic) {

  public CallTrace {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    attempts = List.copyOf(attempts);
    rateLimitWaits = List.copyOf(rateLimitWaits);
  }

  /** Whether it was an LLM call (not a task wrapping others). */
  public boolean isCall() {
    return model != null;
  }

  /** From queued to ended, in milliseconds. */
  public long elapsedMillis() {
    return java.time.Duration.between(queuedAt, endedAt).toMillis();
  }

  /** Time to first token of the first attempt that produced one, in milliseconds, or -1. */
  public long firstTokenMillis() {
    for (Attempt a : attempts) {
      if (a.firstTokenAt() != null) {
        return java.time.Duration.between(a.startedAt(), a.firstTokenAt()).toMillis();
      }
    }
    return -1;
  }

  /** A time interval. */
  public record Interval(Instant start, Instant end) {}
}
