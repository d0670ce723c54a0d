package io.chorus.testing.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "ShutdownTest: Expected size: 2 but was: 0" (in the flakiness gate, under load): an engine closed
 * with a shutdown grace of 20 s cancelled its in-flight calls a few milliseconds later. {@code
 * close()} waited for them in slices of at most 50 ms and took what was left of a slice for what
 * was left of the grace, so the first wake-up (the queued calls leaving as close cancelled them)
 * cut the grace to under 50 ms. The grace is now measured from its start.
 */
class ShutdownGraceEndsAtTheFirstWakeUpTest {

  @Test
  void inFlightCallsGetTheWholeGraceAfterQueuedOnesAreCancelled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeProvider fake =
        FakeProvider.builder("fake").script(Reply.text("finished").after(release)).build();
    Engine e =
        Engine.builder()
            .provider(fake)
            .limits("fake", Limits.concurrency(1))
            .shutdownGrace(Duration.ofSeconds(30))
            .build();
    List<Call> calls =
        Call.all(
            List.of(
                io.chorus.core.ChatRequest.of("fake:m", "a"),
                io.chorus.core.ChatRequest.of("fake:m", "b")));
    CompletableFuture<RunResult<ChatResponse>> run =
        CompletableFuture.supplyAsync(
            () -> e.callAll(calls, RunOptions.DEFAULT), r -> Thread.ofVirtual().start(r));
    assertThat(fake.awaitInFlight(1, Duration.ofSeconds(10))).isTrue();
    Thread closer =
        Thread.ofVirtual().start(e::close); // cancels the queued call at once: the first wake-up
    while (!e.isClosed()) {
      Thread.onSpinWait();
    }
    // well past the 50 ms the grace was cut to, well within the 30 s it is
    Thread.sleep(500);
    release.countDown();
    RunResult<ChatResponse> r = run.get(20, TimeUnit.SECONDS);
    assertThat(closer.join(Duration.ofSeconds(20))).isTrue();
    assertThat(r.outcomes().get(0))
        .as("the call in flight finished within the grace")
        .isInstanceOf(Outcome.Success.class);
    assertThat(r.outcomes().get(1)).isInstanceOf(Outcome.Cancelled.class);
  }
}
