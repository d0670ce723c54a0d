package io.chorus.testing;

import io.chorus.core.Attempt;
import io.chorus.core.CallEvent;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StopReason;
import io.chorus.core.Timeline;
import io.chorus.core.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds engine events for report and progress tests. */
public final class Traces {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  public static final ModelId M = ModelId.parse("sim:fast");

  private Traces() {}

  public static CallEvent event(int i, Instant at) {
    return new CallEvent("run_1", "run_1/" + i, i, ChatRequest.of("sim:fast", "q" + i), "test", at);
  }

  public static Outcome<ChatResponse> success(
      int i, long startMs, long ttftMs, long endMs, Usage usage, double cost) {
    Instant s = T0.plusMillis(startMs);
    Attempt a =
        new Attempt(
            1,
            M,
            Attempt.Kind.FIRST,
            s,
            T0.plusMillis(ttftMs),
            T0.plusMillis(endMs),
            Attempt.Result.SUCCEEDED,
            null,
            usage);
    Timeline tl =
        new Timeline(
            "run_1/" + i, i, T0, s, T0.plusMillis(endMs), List.of(a), Duration.ZERO, usage, cost);
    ChatResponse r =
        new ChatResponse(
            "ok",
            StopReason.END_TURN,
            usage,
            M,
            "req",
            Duration.ofMillis(endMs - startMs),
            null,
            null,
            null,
            true);
    return new Outcome.Success<>(r, tl);
  }

  public static Outcome<ChatResponse> retriedFailure(int i) {
    Attempt a1 =
        new Attempt(
            1,
            M,
            Attempt.Kind.FIRST,
            T0.plusMillis(10),
            null,
            T0.plusMillis(50),
            Attempt.Result.FAILED,
            "server_error",
            null);
    Attempt a2 =
        new Attempt(
            2,
            M,
            Attempt.Kind.RETRY,
            T0.plusMillis(300),
            null,
            T0.plusMillis(400),
            Attempt.Result.FAILED,
            "server_error",
            null);
    Attempt h =
        new Attempt(
            3,
            M,
            Attempt.Kind.HEDGE,
            T0.plusMillis(320),
            null,
            T0.plusMillis(400),
            Attempt.Result.CANCELLED,
            null,
            null);
    Timeline tl =
        new Timeline(
            "run_1/" + i,
            i,
            T0,
            T0.plusMillis(10),
            T0.plusMillis(400),
            List.of(a1, a2, h),
            Duration.ZERO,
            Usage.ZERO,
            0);
    return new Outcome.Failure<>(
        new ProviderException(new ProviderError.ServerError("boom <b>", 500)), tl);
  }
}
