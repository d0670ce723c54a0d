package io.chorus.patterns;

import io.chorus.core.ChatResponse;
import io.chorus.core.Outcome;
import io.chorus.core.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What one engine call did, as reported per voter and per section: the model that answered, tokens,
 * cost, time, attempts, and for a failure its error kind and message.
 *
 * @param model the model that answered, or the one asked when the call failed
 * @param status {@code succeeded}, {@code failed}, {@code cancelled} or {@code timed_out}
 * @param usage tokens used by every attempt
 * @param costUsd the cost of that usage in US dollars
 * @param elapsedMs from queued to ended, in milliseconds
 * @param attempts how many attempts were made (first, retries, hedges, fallbacks)
 * @param errorKind {@link Outcome#errorKind()} for a failure, else null
 * @param errorMessage {@link Outcome#errorMessage()} for a failure, else null
 * @param synthetic whether the answer came from the simulator rather than a real model
 */
public record CallSummary(
    String model,
    String status,
    Usage usage,
    double costUsd,
    long elapsedMs,
    int attempts,
    @Nullable String errorKind,
    @Nullable String errorMessage,
    boolean synthetic) {

  /** Summarises an outcome of a call to {@code askedModel}. */
  public static CallSummary of(String askedModel, Outcome<ChatResponse> outcome) {
    String model = askedModel;
    boolean synthetic = outcome.synthetic();
    String status =
        switch (outcome) {
          case Outcome.Success<ChatResponse> s -> {
            model = s.value().model().toString();
            yield "succeeded";
          }
          case Outcome.Failure<ChatResponse> f -> "failed";
          case Outcome.Cancelled<ChatResponse> c -> "cancelled";
          case Outcome.TimedOut<ChatResponse> t -> "timed_out";
        };
    var tl = outcome.timeline();
    long elapsed = tl.queuedAt() == null || tl.endedAt() == null ? 0 : tl.elapsed().toMillis();
    return new CallSummary(
        model,
        status,
        tl.usage(),
        tl.costUsd(),
        elapsed,
        tl.attempts().size(),
        outcome.errorKind(),
        outcome.errorMessage(),
        synthetic);
  }

  /** A call that was never made (not launched, or cancelled before it started). */
  public static CallSummary notRun(String model, String why) {
    return new CallSummary(model, "not_run", Usage.ZERO, 0, 0, 0, "not_run", why, false);
  }

  public boolean succeeded() {
    return "succeeded".equals(status);
  }
}
