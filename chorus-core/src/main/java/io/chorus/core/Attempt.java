package io.chorus.core;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One try at a call: the first attempt, a retry, a hedge or a fallback.
 *
 * @param number 1-based, in the order attempts started
 * @param model the model this attempt went to
 * @param kind why this attempt exists
 * @param startedAt when it was sent (after admission and rate-limit waits)
 * @param firstTokenAt when its first token arrived (streams), or null
 * @param endedAt when it ended
 * @param result how it ended
 * @param errorKind the {@link ProviderError#kind()} (or exception class) when it failed, else null
 * @param usage tokens it used when known, else null
 * @param synthetic true when the provider that served it is synthetic (the simulator): reports
 *     label a run synthetic from the attempts actually made, successful or not
 */
public record Attempt(
    int number,
    ModelId model,
    Kind kind,
    Instant startedAt,
    @Nullable Instant firstTokenAt,
    Instant endedAt,
    Result result,
    @Nullable String errorKind,
    @Nullable Usage usage,
    boolean synthetic) {

  /** An attempt served by a real provider. */
  public Attempt(
      int number,
      ModelId model,
      Kind kind,
      Instant startedAt,
      @Nullable Instant firstTokenAt,
      Instant endedAt,
      Result result,
      @Nullable String errorKind,
      @Nullable Usage usage) {
    this(number, model, kind, startedAt, firstTokenAt, endedAt, result, errorKind, usage, false);
  }

  /** Why an attempt was made. */
  public enum Kind {
    FIRST,
    RETRY,
    HEDGE,
    FALLBACK
  }

  /** How an attempt ended. */
  public enum Result {
    SUCCEEDED,
    FAILED,
    CANCELLED,
    TIMED_OUT
  }

  public Duration duration() {
    return Duration.between(startedAt, endedAt);
  }
}
