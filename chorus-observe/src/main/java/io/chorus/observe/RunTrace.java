package io.chorus.observe;

import io.chorus.core.CallRecord;
import io.chorus.core.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened in one {@code chorus} invocation, for the Markdown, JSON and HTML reports.
 *
 * @param title what was run, e.g. {@code batch requests.jsonl}
 * @param runIds every run id seen (nested runs included), first is the outer one
 * @param startedAt first event
 * @param endedAt last event
 * @param calls every call and task, in end order
 * @param breakerTransitions circuit breaker changes, as {@code time model from->to}
 * @param deadLetters calls given up for good
 * @param synthetic whether any call was answered (or failed) by the built-in simulator
 */
public record RunTrace(
    String title,
    List<String> runIds,
    Instant startedAt,
    Instant endedAt,
    List<CallRecord> calls,
    List<String> breakerTransitions,
    int deadLetters,
    boolean synthetic) {

  public RunTrace {
    runIds = List.copyOf(runIds);
    calls = List.copyOf(calls);
    breakerTransitions = List.copyOf(breakerTransitions);
  }

  public Duration elapsed() {
    return startedAt == null || endedAt == null
        ? Duration.ZERO
        : Duration.between(startedAt, endedAt);
  }

  /** The models whose calls the simulator answered, in first-seen order. */
  public List<String> syntheticModels() {
    return llmCalls().stream()
        .filter(CallRecord::synthetic)
        .map(CallRecord::model)
        .distinct()
        .toList();
  }

  /** The models whose calls a real provider answered, in first-seen order. */
  public List<String> realModels() {
    return llmCalls().stream()
        .filter(c -> !c.synthetic())
        .map(CallRecord::model)
        .distinct()
        .toList();
  }

  /**
   * The synthetic banner every report starts with, naming the simulated models (and, in a mixed
   * run, the real ones); null when no call was synthetic.
   */
  public String syntheticNotice() {
    if (!synthetic) {
      return null;
    }
    List<String> sim = syntheticModels();
    List<String> real = realModels();
    String who = sim.isEmpty() ? "answers" : "answers of " + String.join(", ", sim);
    return "Synthetic: "
        + who
        + " came from the built-in simulator, not a real model"
        + (real.isEmpty() ? "." : "; " + String.join(", ", real) + " answered for real.");
  }

  /** Only the LLM calls. */
  public List<CallRecord> llmCalls() {
    return calls.stream().filter(CallRecord::isCall).toList();
  }

  /**
   * How the run trace, its reports and the metrics spell a call's status: {@code success}, {@code
   * failure}, {@code cancelled}, {@code timed_out} (and {@code not_run}, which the engine never
   * reports). A pattern's JSON spells the same statuses {@code succeeded}, {@code failed}...: both
   * spellings are kept as they were published.
   */
  public static String outcomeName(CallStatus status) {
    return switch (status) {
      case SUCCEEDED -> "success";
      case FAILED -> "failure";
      case CANCELLED -> "cancelled";
      case TIMED_OUT -> "timed_out";
      case NOT_RUN -> "not_run";
    };
  }

  public TraceStats stats() {
    return TraceStats.of(this);
  }
}
