package io.chorus.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcomes of a fan-out, in submission order, whatever happened: even a failed run hands back
 * every result already paid for.
 *
 * @param runId the run's correlation id
 * @param outcomes one per submitted task, in submission order
 * @param policy the failure policy it ran under
 * @param startedAt when the run started
 * @param endedAt when every task had finished or been cancelled
 * @param failure why the run as a whole failed under its policy, or null when it did not
 * @param <T> the value of a success
 */
public record RunResult<T>(
    String runId,
    List<Outcome<T>> outcomes,
    FailurePolicy policy,
    Instant startedAt,
    Instant endedAt,
    @Nullable String failure) {

  public RunResult {
    outcomes = List.copyOf(outcomes);
  }

  public boolean failed() {
    return failure != null;
  }

  public Duration elapsed() {
    return Duration.between(startedAt, endedAt);
  }

  public List<Outcome<T>> successes() {
    return outcomes.stream().filter(Outcome::isSuccess).toList();
  }

  public List<Outcome<T>> failures() {
    return outcomes.stream().filter(o -> !o.isSuccess()).toList();
  }

  /** The successful values in submission order. */
  public List<T> values() {
    return outcomes.stream()
        .filter(Outcome::isSuccess)
        .map(o -> ((Outcome.Success<T>) o).value())
        .toList();
  }

  /** Tokens over every outcome, successful or not. */
  public Usage usage() {
    return outcomes.stream().map(o -> o.timeline().usage()).reduce(Usage.ZERO, Usage::plus);
  }

  /** Cost in US dollars over every outcome. */
  public double costUsd() {
    return outcomes.stream().mapToDouble(o -> o.timeline().costUsd()).sum();
  }

  /** This result, or a {@link RunFailedException} carrying it when the run failed. */
  public RunResult<T> orThrow() {
    if (failed()) {
      throw new RunFailedException(this);
    }
    return this;
  }
}
