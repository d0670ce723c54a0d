package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Task;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs nest: cancelling a task cancels everything it started; limits stay global. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NestedRunTest {
  final EventRecorder events = new EventRecorder();

  @Test
  void failFastInTheOuterRunCancelsCallsOfANestedRun() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage("boom", Reply.serverError())
            .script(Reply.hang())
            .build();
    AtomicReference<RunResult<ChatResponse>> inner = new AtomicReference<>();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .retry(io.chorus.core.RetryPolicy.NONE)
            .listener(events)
            .build()) {
      Task<String> nested =
          ctx -> {
            inner.set(
                ctx.engine().callAll(Call.all(FailurePolicyTest.requests(3)), RunOptions.DEFAULT));
            return "nested done";
          };
      Task<String> failing =
          ctx -> {
            fake.awaitInFlight(3, Duration.ofSeconds(10)); // the nested calls are in flight
            Outcome<ChatResponse> o = ctx.engine().call(ChatRequest.of("fake:m", "boom"));
            throw new IllegalStateException("step failed: " + o.errorKind());
          };
      RunResult<String> r = e.run(List.of(nested, failing), RunOptions.of(FailurePolicy.FAIL_FAST));
      assertThat(r.failed()).isTrue();
      assertThat(r.failure()).contains("task 1").contains("step failed");
      assertThat(r.outcomes().get(0)).isInstanceOf(Outcome.Cancelled.class);
      assertThat(inner.get().outcomes()).allMatch(o -> o instanceof Outcome.Cancelled);
      assertThat(fake.interrupts()).isEqualTo(3);
    }
    events.assertPaired();
  }

  @Test
  void nestedCallsShareTheEnginesLimits() {
    FakeProvider fake = FakeProvider.builder("fake").latency(Duration.ofMillis(1)).build();
    try (Engine e = Engine.builder().provider(fake).limits("fake", Limits.concurrency(3)).build()) {
      List<Task<Integer>> tasks =
          java.util.stream.IntStream.range(0, 8)
              .<Task<Integer>>mapToObj(
                  i ->
                      ctx ->
                          ctx.engine()
                              .callAll(Call.all(FailurePolicyTest.requests(5)), RunOptions.DEFAULT)
                              .values()
                              .size())
              .toList();
      RunResult<Integer> r = e.run(tasks, RunOptions.DEFAULT);
      assertThat(r.values()).containsOnly(5).hasSize(8);
      assertThat(fake.peakConcurrency()).isLessThanOrEqualTo(3); // nesting never multiplies limits
    }
  }

  @Test
  void anEmptyRunReturnsAtOnce() {
    try (Engine e = Engine.builder().provider(FakeProvider.echo("fake")).build()) {
      assertThat(e.callAll(List.of(), RunOptions.DEFAULT).outcomes()).isEmpty();
    }
  }
}
