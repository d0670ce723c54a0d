package io.chorus.core;

/**
 * How a call ended, as its {@link CallRecord} states it: one of the four {@link Outcome} cases, or
 * {@link #NOT_RUN} for a call a pattern never made.
 *
 * <p>Outputs spell these their own way and each keeps its spelling: a pattern's JSON writes {@code
 * succeeded}, {@code failed}, {@code cancelled}, {@code timed_out}, {@code not_run}; the run trace
 * and the metrics write {@code success}, {@code failure}, {@code cancelled}, {@code timed_out}.
 */
public enum CallStatus {
  /** It answered ({@link Outcome.Success}). */
  SUCCEEDED,
  /** It failed for good, after retries and fallbacks ({@link Outcome.Failure}). */
  FAILED,
  /** It was cancelled before it finished ({@link Outcome.Cancelled}). */
  CANCELLED,
  /** A call or run deadline passed ({@link Outcome.TimedOut}). */
  TIMED_OUT,
  /** It was never made: not launched, or refused before it started. */
  NOT_RUN;

  /** The status of an outcome: never {@link #NOT_RUN}. */
  public static CallStatus of(Outcome<?> outcome) {
    return switch (outcome) {
      case Outcome.Success<?> s -> SUCCEEDED;
      case Outcome.Failure<?> f -> FAILED;
      case Outcome.Cancelled<?> c -> CANCELLED;
      case Outcome.TimedOut<?> t -> TIMED_OUT;
    };
  }
}
