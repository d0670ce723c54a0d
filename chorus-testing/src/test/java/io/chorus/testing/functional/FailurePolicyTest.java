package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunFailedException;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Task;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FailurePolicyTest {
  final EventRecorder events = new EventRecorder();

  static List<ChatRequest> requests(int n) {
    List<ChatRequest> reqs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      reqs.add(ChatRequest.of("fake:m", "q" + i));
    }
    return reqs;
  }

  Engine engine(FakeProvider fake) {
    return Engine.builder().provider(fake).retry(RetryPolicy.NONE).listener(events).seed(1).build();
  }

  @Test
  void ignoreKeepsPartialResults() {
    FakeProvider fake = FakeProvider.builder("fake").onMessage("q2", Reply.serverError()).build();
    try (Engine e = engine(fake)) {
      RunResult<ChatResponse> r =
          e.callAll(Call.all(requests(5)), RunOptions.of(FailurePolicy.IGNORE));
      assertThat(r.failed()).isFalse();
      assertThat(r.successes()).hasSize(4);
      assertThat(r.outcomes().get(2)).isInstanceOf(Outcome.Failure.class);
    }
    events.assertPaired();
  }

  @Test
  void failFastCancelsInFlightCallsPromptly() throws Exception {
    // q0 fails once the others are all in flight; the others hang until interrupted
    java.util.concurrent.CountDownLatch othersInFlight = new java.util.concurrent.CountDownLatch(1);
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage("q0", Reply.serverError().after(othersInFlight))
            .script(Reply.hang())
            .build();
    try (Engine e = engine(fake)) {
      Thread t =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      fake.awaitInFlight(10, Duration.ofSeconds(10));
                    } catch (InterruptedException ex) {
                      Thread.currentThread().interrupt();
                    }
                    othersInFlight.countDown();
                  });
      long start = System.nanoTime();
      RunResult<ChatResponse> r =
          e.callAll(Call.all(requests(10)), RunOptions.of(FailurePolicy.FAIL_FAST));
      long ms = (System.nanoTime() - start) / 1_000_000;
      t.join();
      assertThat(r.failed()).isTrue();
      assertThat(r.failure()).contains("task 0");
      assertThat(r.outcomes().get(0)).isInstanceOf(Outcome.Failure.class);
      assertThat(r.outcomes().subList(1, 10)).allMatch(o -> o instanceof Outcome.Cancelled);
      assertThat(fake.interrupts()).isEqualTo(9);
      assertThat(ms).isLessThan(5_000);
      assertThatThrownBy(r::orThrow)
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("task 0");
    }
    events.assertPaired();
  }

  @Test
  void quorumFinishesWhenKSucceedAndCancelsTheRest() throws Exception {
    java.util.concurrent.CountDownLatch allInFlight = new java.util.concurrent.CountDownLatch(1);
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage("q1", Reply.text("a").after(allInFlight))
            .onMessage("q3", Reply.text("b").after(allInFlight))
            .onMessage("q4", Reply.text("c").after(allInFlight))
            .script(Reply.hang())
            .build();
    Thread opener =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    fake.awaitInFlight(8, Duration.ofSeconds(10));
                  } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                  }
                  allInFlight.countDown();
                });
    try (Engine e = engine(fake)) {
      RunResult<ChatResponse> r =
          e.callAll(Call.all(requests(8)), RunOptions.of(FailurePolicy.quorum(3)));
      opener.join();
      assertThat(r.failed()).isFalse();
      assertThat(r.values()).extracting(ChatResponse::text).containsExactly("a", "b", "c");
      assertThat(r.outcomes().stream().filter(o -> o instanceof Outcome.Cancelled).count())
          .isEqualTo(5);
      assertThat(fake.interrupts()).isEqualTo(5);
    }
    events.assertPaired();
  }

  @Test
  void quorumFailsWhenItCanNoLongerBeReached() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage("q0", Reply.text("ok"))
            .script(Reply.serverError())
            .build();
    try (Engine e = engine(fake)) {
      RunResult<ChatResponse> r =
          e.callAll(Call.all(requests(4)), RunOptions.of(FailurePolicy.quorum(2)));
      assertThat(r.failed()).isTrue();
      assertThat(r.failure()).contains("quorum of 2 unreachable");
    }
    events.assertPaired();
  }

  @Test
  void quorumLargerThanTheRunFailsAtOnce() {
    try (Engine e = engine(FakeProvider.echo("fake"))) {
      RunResult<ChatResponse> r =
          e.callAll(Call.all(requests(2)), RunOptions.of(FailurePolicy.quorum(3)));
      assertThat(r.failure()).contains("only 2 tasks");
    }
  }

  @Test
  void requireAllNamesEveryFailure() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage("q1", Reply.serverError())
            .onMessage("q3", Reply.serverError())
            .build();
    try (Engine e = engine(fake)) {
      RunResult<ChatResponse> r =
          e.callAll(Call.all(requests(5)), RunOptions.of(FailurePolicy.REQUIRE_ALL));
      assertThat(r.failed()).isTrue();
      assertThat(r.failure()).contains("2 of 5").contains("task 1").contains("task 3");
      assertThat(r.successes()).hasSize(3); // nothing paid for is lost
    }
  }

  @Test
  void retryPolicyRunsFailedCallsAgain() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage("q1", Reply.serverError(), Reply.serverError(), Reply.text("late"))
            .build();
    try (Engine e = engine(fake)) {
      RunResult<ChatResponse> r =
          e.callAll(Call.all(requests(3)), RunOptions.of(FailurePolicy.retry(2)));
      assertThat(r.failed()).isFalse();
      assertThat(r.values()).hasSize(3);
      assertThat(r.outcomes().get(1).timeline().attempts()).hasSize(3);
    }
  }

  @Test
  void tasksRunNestedCallsAndAggregateTheirUsage() {
    FakeProvider fake = FakeProvider.echo("fake");
    try (Engine e = engine(fake)) {
      List<Task<String>> tasks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = i;
        tasks.add(
            ctx -> {
              RunResult<ChatResponse> inner =
                  ctx.engine().callAll(Call.all(requests(3)), RunOptions.DEFAULT);
              return n
                  + ":"
                  + inner.values().size()
                  + ":"
                  + ctx.engine().call(ChatRequest.of("fake:m", "x")).isSuccess();
            });
      }
      RunResult<String> r = e.run(tasks, RunOptions.DEFAULT.withLabel("nested"));
      assertThat(r.values()).containsExactly("0:3:true", "1:3:true", "2:3:true", "3:3:true");
      assertThat(r.usage().totalTokens()).isPositive();
      assertThat(fake.calls()).isEqualTo(16);
    }
    events.assertPaired();
  }

  @Test
  void taskExceptionsAreFailures() {
    try (Engine e = engine(FakeProvider.echo("fake"))) {
      List<Task<String>> tasks =
          List.of(
              ctx -> "ok",
              ctx -> {
                throw new IllegalStateException("broken step");
              });
      RunResult<String> r = e.run(tasks, RunOptions.of(FailurePolicy.REQUIRE_ALL));
      assertThat(r.failure()).contains("broken step");
      assertThat(r.outcomes().get(1).errorKind()).isEqualTo("IllegalStateException");
    }
  }

  @Test
  void failFastCancelsQueuedCallsBehindTheBulkhead() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage("q0", Reply.serverError())
            .script(Reply.hang())
            .build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .limits("fake", Limits.concurrency(2))
            .retry(RetryPolicy.NONE)
            .listener(events)
            .build()) {
      RunResult<ChatResponse> r =
          e.callAll(Call.all(requests(50)), RunOptions.of(FailurePolicy.FAIL_FAST));
      assertThat(r.failed()).isTrue();
      assertThat(fake.peakConcurrency()).isLessThanOrEqualTo(2);
      assertThat(r.outcomes().stream().filter(o -> o instanceof Outcome.Cancelled).count())
          .isEqualTo(49);
    }
    events.assertPaired();
  }
}
