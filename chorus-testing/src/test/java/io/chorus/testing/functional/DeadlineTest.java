package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Attempt;
import io.chorus.core.Call;
import io.chorus.core.CallContext;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Outcome;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Task;
import io.chorus.core.Timeouts;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Attempt timeouts and call and run deadlines, propagating downward; on a fake clock. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DeadlineTest {
  final FakeClock clock = new FakeClock();
  final EventRecorder events = new EventRecorder();

  Engine.Builder engine(FakeProvider fake) {
    return Engine.builder().provider(fake).time(clock).sleeper(clock).seed(5).listener(events);
  }

  @Test
  void callDeadlineClipsTheAttemptAndEndsAsTimedOut() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).latency(Duration.ofSeconds(5)).build();
    Timeouts t = Timeouts.DEFAULT.withCall(Duration.ofSeconds(2));
    try (Engine e = engine(fake).timeouts(t).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o).isInstanceOf(Outcome.TimedOut.class);
      assertThat(((Outcome.TimedOut<ChatResponse>) o).limit()).isEqualTo(Duration.ofSeconds(2));
      assertThat(fake.contexts().get(0).attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(fake.calls()).isEqualTo(1); // no retry past the deadline
      assertThat(e.deadLetters()).hasSize(1);
    }
    events.assertPaired();
  }

  @Test
  void runDeadlineReachesNestedCallsInsideTasks() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).latency(Duration.ofSeconds(30)).build();
    try (Engine e = engine(fake).build()) {
      Task<String> task =
          ctx -> {
            assertThat(ctx.deadline()).isNotNull();
            Outcome<ChatResponse> inner = ctx.engine().call(ChatRequest.of("fake:m", "nested"));
            return inner.errorKind();
          };
      RunResult<String> r =
          e.run(List.of(task), RunOptions.DEFAULT.withDeadline(Duration.ofSeconds(3)));
      CallContext ctx = fake.contexts().get(0);
      assertThat(ctx.attemptTimeout()).isLessThanOrEqualTo(Duration.ofSeconds(3));
      // the nested call's deadline is the run's: both fire at the same fake instant, so the task
      // either returns its call's timed_out or is itself timed out by the run, never a success
      Outcome<String> task0 = r.outcomes().get(0);
      if (task0 instanceof Outcome.Success<String> s) {
        assertThat(s.value()).isEqualTo("timed_out");
      } else {
        assertThat(task0).isInstanceOf(Outcome.TimedOut.class);
      }
    }
    events.assertPaired();
  }

  @Test
  void engineEnforcesTheAttemptTimeoutWhenAProviderIgnoresIt() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.hang(), Reply.text("second try"))
            .build();
    Timeouts t = Timeouts.DEFAULT.withAttempt(Duration.ofSeconds(1));
    try (Engine e =
        engine(fake)
            .timeouts(t)
            .retry(RetryPolicy.builder().maxRetries(1).fullJitter(false).build())
            .build()) {
      CompletableFuture<Outcome<ChatResponse>> f =
          CompletableFuture.supplyAsync(
              () -> e.call(ChatRequest.of("fake:m", "hi")), r -> Thread.ofVirtual().start(r));
      assertThat(fake.awaitInFlight(1, Duration.ofSeconds(10))).isTrue();
      clock.advance(Duration.ofSeconds(2));
      Outcome<ChatResponse> o = f.get(10, TimeUnit.SECONDS);
      assertThat(o.isSuccess()).isTrue();
      assertThat(o.timeline().attempts())
          .extracting(Attempt::result)
          .containsExactly(Attempt.Result.TIMED_OUT, Attempt.Result.SUCCEEDED);
      assertThat(fake.interrupts()).isEqualTo(1);
    }
    events.assertPaired();
  }

  @Test
  void callDeadlineInterruptsAHangingProvider() throws Exception {
    FakeProvider fake = FakeProvider.builder("fake").clock(clock).script(Reply.hang()).build();
    try (Engine e =
        engine(fake).timeouts(Timeouts.DEFAULT.withCall(Duration.ofSeconds(5))).build()) {
      CompletableFuture<Outcome<ChatResponse>> f =
          CompletableFuture.supplyAsync(
              () -> e.call(ChatRequest.of("fake:m", "hi")), r -> Thread.ofVirtual().start(r));
      assertThat(fake.awaitInFlight(1, Duration.ofSeconds(10))).isTrue();
      clock.advance(Duration.ofSeconds(6));
      Outcome<ChatResponse> o = f.get(10, TimeUnit.SECONDS);
      assertThat(o).isInstanceOf(Outcome.TimedOut.class);
      assertThat(fake.interrupts()).isEqualTo(1);
    }
  }

  @Test
  void runDeadlineTimesOutHangingCalls() throws Exception {
    FakeProvider fake = FakeProvider.builder("fake").clock(clock).script(Reply.hang()).build();
    try (Engine e = engine(fake).build()) {
      CompletableFuture<RunResult<ChatResponse>> f =
          CompletableFuture.supplyAsync(
              () ->
                  e.callAll(
                      Call.all(FailurePolicyTest.requests(5)),
                      RunOptions.DEFAULT.withDeadline(Duration.ofSeconds(60))),
              r -> Thread.ofVirtual().start(r));
      assertThat(fake.awaitInFlight(5, Duration.ofSeconds(10))).isTrue();
      clock.advance(Duration.ofSeconds(61));
      RunResult<ChatResponse> r = f.get(10, TimeUnit.SECONDS);
      assertThat(r.outcomes()).allMatch(o -> o instanceof Outcome.TimedOut);
      assertThat(fake.interrupts()).isEqualTo(5);
    }
    events.assertPaired();
  }

  @Test
  void firstTokenAndIdleTimeoutsReachTheProviderAndFirstTokenTimeoutsAreRetried() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("slow").withLatency(Duration.ofSeconds(3)), Reply.text("fast"))
            .build();
    Timeouts t =
        new Timeouts(Duration.ofSeconds(30), null, Duration.ofSeconds(1), Duration.ofSeconds(2));
    try (Engine e = engine(fake).timeouts(t).build()) {
      Outcome<ChatResponse> o =
          e.call(ChatRequest.of("fake:m", "hi"), CallOptions.DEFAULT.streaming(d -> {}));
      assertThat(o.optionalValue().map(ChatResponse::text)).contains("fast");
      CallContext ctx = fake.contexts().get(0);
      assertThat(ctx.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(1));
      assertThat(ctx.idleTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(o.timeline().attempts().get(0).errorKind()).isEqualTo("timeout");
    }
  }

  @Test
  void backoffThatWouldPassTheDeadlineEndsTheCallInsteadOfSleeping() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.rateLimited(Duration.ofSeconds(20)))
            .build();
    try (Engine e =
        engine(fake).timeouts(Timeouts.DEFAULT.withCall(Duration.ofSeconds(10))).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o.errorKind()).isEqualTo("rate_limited");
      assertThat(fake.calls()).isEqualTo(1);
      assertThat(clock.totalSlept()).isZero();
    }
  }
}
