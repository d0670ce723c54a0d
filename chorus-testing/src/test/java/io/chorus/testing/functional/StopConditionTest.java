package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Attempt;
import io.chorus.core.Call;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.FallbackChain;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Task;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fan-outs whose calls carry their own options, and failure policies refined by results: a value
 * that counts as a failure, a condition over the outcomes so far that stops (or fails) the run. No
 * task throws to steer its run.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StopConditionTest {
  final EventRecorder events = new EventRecorder();

  Engine engine(FakeProvider fake) {
    return Engine.builder()
        .provider(fake)
        .retry(RetryPolicy.NONE)
        .listener(events)
        .seed(3)
        .limits("fake", Limits.concurrency(1))
        .build();
  }

  @Test
  void eachCallOfAFanOutKeepsItsOwnFallbackChain() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .on(r -> r.model().model().equals("down"), Reply.serverError())
            .build();
    try (Engine e = engine(fake)) {
      List<Call> calls =
          List.of(
              Call.of(
                  ChatRequest.of("fake:down", "a"),
                  CallOptions.DEFAULT.withFallback(FallbackChain.of("fake:up"))),
              Call.of(
                  ChatRequest.of("fake:down", "b"),
                  CallOptions.DEFAULT.withFallback(FallbackChain.NONE)),
              Call.of(ChatRequest.of("fake:up", "c")));
      RunResult<ChatResponse> r = e.callAll(calls, RunOptions.DEFAULT);
      assertThat(r.outcomes().get(0).optionalValue().orElseThrow().model().model()).isEqualTo("up");
      assertThat(r.outcomes().get(0).timeline().attempts())
          .extracting(Attempt::kind)
          .containsExactly(Attempt.Kind.FIRST, Attempt.Kind.FALLBACK);
      assertThat(r.outcomes().get(1)).isInstanceOf(Outcome.Failure.class);
      assertThat(r.outcomes().get(2).isSuccess()).isTrue();
    }
    events.assertPaired();
  }

  @Test
  void aValueTheCheckNamesCountsAsAFailureForFailFastAndIsKept() {
    List<Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      tasks.add(ctx -> n);
    }
    FailurePolicy policy =
        FailurePolicy.FAIL_FAST.failedIf(v -> (Integer) v == 0 ? "zero is not an answer" : null);
    try (Engine e = engine(FakeProvider.echo("fake"))) {
      RunResult<Integer> r = e.run(tasks, RunOptions.of(policy));
      assertThat(r.failed()).isTrue();
      assertThat(r.failure()).contains("task 0 failed: zero is not an answer");
      assertThat(r.outcomes().get(0).optionalValue()).contains(0);
    }
  }

  @Test
  void retryRunsAgainATaskWhoseValueCountsAsFailed() {
    AtomicInteger runs = new AtomicInteger();
    Task<Integer> flaky = ctx -> runs.incrementAndGet();
    FailurePolicy policy =
        FailurePolicy.retry(2).failedIf(v -> (Integer) v < 3 ? "too small" : null);
    try (Engine e = engine(FakeProvider.echo("fake"))) {
      RunResult<Integer> r = e.run(List.of(flaky), RunOptions.of(policy));
      assertThat(r.values()).containsExactly(3);
    }
    assertThat(runs).hasValue(3);
  }

  @Test
  void requireAllNamesTheValuesThatCountAsFailed() {
    List<Task<String>> tasks = List.of(ctx -> "ok", ctx -> "bad");
    FailurePolicy policy =
        FailurePolicy.REQUIRE_ALL.failedIf(v -> "bad".equals(v) ? "the answer was bad" : null);
    try (Engine e = engine(FakeProvider.echo("fake"))) {
      RunResult<String> r = e.run(tasks, RunOptions.of(policy));
      assertThat(r.failure()).isEqualTo("1 of 2 tasks failed: task 1: the answer was bad");
    }
  }

  @Test
  void stopWhenCancelsTheRestOnceTheConditionHoldsAndTheRunSucceeds() {
    // one call at a time (concurrency 1), so the condition sees the answers come in one by one
    FakeProvider fake = FakeProvider.echo("fake");
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(Call.of(ChatRequest.of("fake:m", "q" + i)));
    }
    FailurePolicy policy =
        FailurePolicy.IGNORE.stopWhen(
            p -> {
              long yes = p.outcomes().stream().filter(o -> o != null && o.isSuccess()).count();
              return yes >= 3 ? "three answers are enough" : null;
            });
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .listener(events)
            .seed(3)
            .limits("fake", Limits.concurrency(1))
            .build()) {
      RunResult<ChatResponse> r = e.callAll(calls, RunOptions.of(policy));
      assertThat(r.failed()).isFalse();
      assertThat(r.successes().size()).isGreaterThanOrEqualTo(3);
      assertThat(r.outcomes())
          .filteredOn(o -> o instanceof Outcome.Cancelled<ChatResponse>)
          .isNotEmpty()
          .allMatch(o -> o.errorMessage().contains("three answers are enough"));
    }
    assertThat(fake.calls()).isLessThan(20);
    events.assertPaired();
  }

  @Test
  void failWhenFailsTheRunNamingTheReason() {
    List<Task<Integer>> tasks = List.of(ctx -> 1, ctx -> 2);
    FailurePolicy policy =
        FailurePolicy.IGNORE.failWhen(
            p -> p.value(p.latest(), Integer.class) != null ? "saw a number" : null);
    try (Engine e = engine(FakeProvider.echo("fake"))) {
      RunResult<Integer> r = e.run(tasks, RunOptions.of(policy));
      assertThat(r.failure()).isEqualTo("saw a number");
    }
  }

  @Test
  void specReadsBackWhatParseReads() {
    assertThat(FailurePolicy.parse("quorum:3").failedIf(v -> null).stopWhen(p -> null).spec())
        .isEqualTo("quorum:3");
    assertThat(FailurePolicy.FAIL_FAST.spec()).isEqualTo("fail-fast");
  }
}
