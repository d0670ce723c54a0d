package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * close(): stop admitting, a grace period for in-flight calls, then cancel; completed results kept.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownTest {
  final EventRecorder events = new EventRecorder();

  @Test
  void closeKeepsCompletedResultsAndCancelsTheRestAfterTheGrace() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .on(
                r -> Integer.parseInt(r.lastUserMessage().substring(1)) % 2 == 0,
                Reply.text("done"))
            .script(Reply.hang())
            .build();
    Engine e =
        Engine.builder()
            .provider(fake)
            .shutdownGrace(Duration.ofMillis(100))
            .listener(events)
            .build();
    CompletableFuture<RunResult<ChatResponse>> f =
        CompletableFuture.supplyAsync(
            () -> e.callAll(Call.all(FailurePolicyTest.requests(10)), RunOptions.DEFAULT),
            r -> Thread.ofVirtual().start(r));
    assertThat(fake.awaitInFlight(5, Duration.ofSeconds(10))).isTrue();
    assertThat(fake.awaitCalls(10, Duration.ofSeconds(10))).isTrue();
    e.close();
    RunResult<ChatResponse> r = f.get(10, TimeUnit.SECONDS);
    assertThat(e.isClosed()).isTrue();
    assertThat(r.successes()).hasSize(5);
    for (int i = 0; i < 10; i++) {
      assertThat(r.outcomes().get(i))
          .isInstanceOf(i % 2 == 0 ? Outcome.Success.class : Outcome.Cancelled.class);
    }
    assertThat(fake.interrupts()).isEqualTo(5);
    Outcome<ChatResponse> late = e.call(ChatRequest.of("fake:m", "late"));
    assertThat(late).isInstanceOf(Outcome.Cancelled.class);
    assertThat(late.errorMessage()).contains("closed");
    events.assertPaired();
  }

  @Test
  void inFlightCallsFinishWithinTheGraceAndQueuedOnesAreNotAdmitted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeProvider fake =
        FakeProvider.builder("fake").script(Reply.text("finished").after(release)).build();
    Engine e =
        Engine.builder()
            .provider(fake)
            .limits("fake", Limits.concurrency(2))
            .shutdownGrace(Duration.ofSeconds(20))
            .listener(events)
            .build();
    CompletableFuture<RunResult<ChatResponse>> f =
        CompletableFuture.supplyAsync(
            () -> e.callAll(Call.all(FailurePolicyTest.requests(6)), RunOptions.DEFAULT),
            r -> Thread.ofVirtual().start(r));
    assertThat(fake.awaitInFlight(2, Duration.ofSeconds(10))).isTrue();
    Thread closer = Thread.ofVirtual().start(e::close);
    while (!e.isClosed()) {
      Thread.onSpinWait();
    }
    release.countDown();
    closer.join(15_000);
    RunResult<ChatResponse> r = f.get(10, TimeUnit.SECONDS);
    assertThat(r.successes()).hasSize(2);
    assertThat(r.outcomes().stream().filter(o -> o instanceof Outcome.Cancelled).count())
        .isEqualTo(4);
    assertThat(fake.calls()).isEqualTo(2);
    events.assertPaired();
  }

  @Test
  void shutdownLetsInFlightCallsFinishAdmitsNoMoreAndLeavesTheEngineOpenToClose() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeProvider fake =
        FakeProvider.builder("fake").script(Reply.text("finished").after(release)).build();
    Engine e =
        Engine.builder()
            .provider(fake)
            .limits("fake", Limits.concurrency(2))
            .listener(events)
            .build();
    CompletableFuture<RunResult<ChatResponse>> f =
        CompletableFuture.supplyAsync(
            () -> e.callAll(Call.all(FailurePolicyTest.requests(6)), RunOptions.DEFAULT),
            r -> Thread.ofVirtual().start(r));
    assertThat(fake.awaitInFlight(2, Duration.ofSeconds(10))).isTrue();
    e.shutdown(Duration.ofSeconds(20)); // returns at once, like a Ctrl-C handler needs
    assertThat(e.isClosed()).isFalse();
    release.countDown();
    RunResult<ChatResponse> r = f.get(10, TimeUnit.SECONDS);
    assertThat(r.successes()).hasSize(2);
    assertThat(r.outcomes().stream().filter(o -> o instanceof Outcome.Cancelled).count())
        .isEqualTo(4);
    assertThat(fake.calls()).isEqualTo(2); // the queued four were never sent
    assertThat(fake.interrupts()).isZero();
    Outcome<ChatResponse> late = e.call(ChatRequest.of("fake:m", "late"));
    assertThat(late.errorMessage()).contains("shut down");
    e.close();
    assertThat(e.isClosed()).isTrue();
    events.assertPaired();
  }

  @Test
  void aSecondShutdownWithoutGraceCancelsTheCallsInFlightAtOnce() throws Exception {
    FakeProvider fake = FakeProvider.builder("fake").script(Reply.hang()).build();
    Engine e = Engine.builder().provider(fake).listener(events).build();
    CompletableFuture<RunResult<ChatResponse>> f =
        CompletableFuture.supplyAsync(
            () -> e.callAll(Call.all(FailurePolicyTest.requests(3)), RunOptions.DEFAULT),
            r -> Thread.ofVirtual().start(r));
    assertThat(fake.awaitInFlight(3, Duration.ofSeconds(10))).isTrue();
    e.shutdown(Duration.ofMinutes(10));
    Thread.sleep(50);
    assertThat(f).isNotDone(); // the grace lets hanging calls go on
    e.shutdown(Duration.ZERO);
    RunResult<ChatResponse> r = f.get(10, TimeUnit.SECONDS);
    assertThat(r.outcomes()).allMatch(o -> o instanceof Outcome.Cancelled);
    assertThat(fake.interrupts()).isEqualTo(3);
    e.close();
    events.assertPaired();
  }
}
