package io.chorus.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything recorded about one call (or a task, or a nested pattern run as one step): who it was,
 * how it ended, and its {@link Timeline} (times, attempts, tokens, cost). The one record of a call
 * that patterns' results (each voter, section, merge and judge), the run trace and every report
 * read; each output writes it in its own spelling at its edge.
 *
 * <p>A record made from an outcome alone ({@link #of(String, Outcome)}) knows no rate-limit waits,
 * cache hit, label or metadata: those come from the engine's events ({@link #of(CallEvent, Outcome,
 * List, boolean)}).
 *
 * @param callId {@code runId/index}, or the nested pattern's name
 * @param runId the run it belonged to, or null when not known
 * @param label the run's label, or null
 * @param model the model asked (or the nested pattern's name), or null for a task that is not a
 *     call
 * @param answeredBy the model that answered (a fallback's, when one did), or null when it did not
 *     succeed
 * @param metadata the request's metadata (voter, section...), possibly empty
 * @param status how it ended
 * @param errorKind {@link Outcome#errorKind()} when it did not succeed, else null
 * @param errorMessage {@link Outcome#errorMessage()} when it did not succeed, else null
 * @param timeline when it was queued, admitted and ended, its attempts, tokens and cost
 * @param rateLimitWaits intervals spent waiting for a rate-limit bucket
 * @param cacheHit whether the response cache answered it
 * @param synthetic whether its answer or failure came from the simulator ({@link
 *     Outcome#synthetic()})
 */
public record CallRecord(
    String callId,
    @Nullable String runId,
    @Nullable String label,
    @Nullable String model,
    @Nullable String answeredBy,
    Map<String, String> metadata,
    CallStatus status,
    @Nullable String errorKind,
    @Nullable String errorMessage,
    Timeline timeline,
    List<Interval> rateLimitWaits,
    boolean cacheHit,
    boolean synthetic) {

  public CallRecord {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(timeline, "timeline");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    rateLimitWaits = List.copyOf(rateLimitWaits);
  }

  /** The record of a finished call or task, from the engine's events ({@code callEnd}). */
  public static CallRecord of(
      CallEvent call, Outcome<?> outcome, List<Interval> rateLimitWaits, boolean cacheHit) {
    ChatRequest r = call.request();
    return new CallRecord(
        call.callId(),
        call.runId(),
        call.label(),
        r == null ? null : r.model().toString(),
        answeredBy(outcome),
        r == null ? Map.of() : r.metadata(),
        CallStatus.of(outcome),
        outcome.errorKind(),
        outcome.errorMessage(),
        outcome.timeline(),
        rateLimitWaits,
        cacheHit,
        outcome.synthetic());
  }

  /** The record of a call to {@code askedModel}, from its outcome alone. */
  public static CallRecord of(String askedModel, Outcome<ChatResponse> outcome) {
    Timeline t = outcome.timeline();
    int slash = t.callId() == null ? -1 : t.callId().lastIndexOf('/');
    return new CallRecord(
        t.callId() == null ? askedModel : t.callId(),
        slash > 0 ? t.callId().substring(0, slash) : null,
        null,
        askedModel,
        answeredBy(outcome),
        Map.of(),
        CallStatus.of(outcome),
        outcome.errorKind(),
        outcome.errorMessage(),
        t,
        List.of(),
        false,
        outcome.synthetic());
  }

  /**
   * A step that was not one engine call: a nested pattern run in a voter's or section's place
   * (attempts are its calls' business), or a call that never happened.
   *
   * @param name the model asked or the nested pattern's name
   * @param status how it ended
   * @param usage what it used
   * @param costUsd what it cost
   * @param startedAt when it started
   * @param endedAt when it ended
   * @param errorKind why it did not succeed, else null
   * @param errorMessage the same in words, else null
   * @param synthetic whether its answer came from the simulator
   */
  public static CallRecord step(
      String name,
      CallStatus status,
      Usage usage,
      double costUsd,
      Instant startedAt,
      Instant endedAt,
      @Nullable String errorKind,
      @Nullable String errorMessage,
      boolean synthetic) {
    Timeline t =
        new Timeline(
            name, 0, startedAt, startedAt, endedAt, List.of(), Duration.ZERO, usage, costUsd);
    String answered = status == CallStatus.SUCCEEDED ? name : null;
    return new CallRecord(
        name,
        null,
        null,
        name,
        answered,
        Map.of(),
        status,
        errorKind,
        errorMessage,
        t,
        List.of(),
        false,
        synthetic);
  }

  /** A call that was never made (not launched, or cancelled before it started), at {@code at}. */
  public static CallRecord notRun(String model, String why, Instant at) {
    return step(model, CallStatus.NOT_RUN, Usage.ZERO, 0, at, at, "not_run", why, false);
  }

  private static @Nullable String answeredBy(Outcome<?> o) {
    return o instanceof Outcome.Success<?> s && s.value() instanceof ChatResponse r
        ? String.valueOf(r.model())
        : null;
  }

  /** Whether it answered. */
  public boolean succeeded() {
    return status == CallStatus.SUCCEEDED;
  }

  /** Whether it was an LLM call (not a task wrapping others). */
  public boolean isCall() {
    return model != null;
  }

  /** The model that answered when one did, else the one asked. */
  public @Nullable String modelShown() {
    return answeredBy != null ? answeredBy : model;
  }

  /** Tokens used by every attempt ({@link Timeline#usage()}). */
  public Usage usage() {
    return timeline.usage();
  }

  /** What it cost in US dollars ({@link Timeline#costUsd()}). */
  public double costUsd() {
    return timeline.costUsd();
  }

  /** When it was submitted ({@link Timeline#queuedAt()}). */
  public Instant queuedAt() {
    return timeline.queuedAt();
  }

  /** When it passed the concurrency limit, or null ({@link Timeline#admittedAt()}). */
  public @Nullable Instant admittedAt() {
    return timeline.admittedAt();
  }

  /** When it ended ({@link Timeline#endedAt()}). */
  public Instant endedAt() {
    return timeline.endedAt();
  }

  /** Its attempts ({@link Timeline#attempts()}): retries, hedges, fallbacks. */
  public List<Attempt> attempts() {
    return timeline.attempts();
  }

  /** From queued to ended, in milliseconds (0 when either is unknown). */
  public long elapsedMillis() {
    return timeline.queuedAt() == null || timeline.endedAt() == null
        ? 0
        : timeline.elapsed().toMillis();
  }

  /** Time to first token of the first attempt that produced one, in milliseconds, or -1. */
  public long firstTokenMillis() {
    for (Attempt a : timeline.attempts()) {
      if (a.firstTokenAt() != null) {
        return Duration.between(a.startedAt(), a.firstTokenAt()).toMillis();
      }
    }
    return -1;
  }

  /** A time interval. */
  public record Interval(Instant start, Instant end) {}
}
