package io.chorus.testing.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 21 (SIGINT): "the first Ctrl-C lets in-flight calls finish within a grace period". The
 * engine's wait for in-flight calls ({@code close()}, and {@code shutdown(grace)} built on it)
 * polled every 50 ms but took each poll's remainder as the whole wait: a call answering 300 ms
 * after close() was cancelled (and paid for nothing) despite a 10 s shutdown grace.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CloseGivesInFlightCallsOnlyFiftyMillisecondsTest {

  @Test
  void aCallAnsweringWithinTheGraceIsKeptAfterClose() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .script(Reply.text("worth keeping").withLatency(Duration.ofMillis(300)))
            .build();
    Engine e = Engine.builder().provider(fake).shutdownGrace(Duration.ofSeconds(10)).build();
    CompletableFuture<RunResult<ChatResponse>> f =
        CompletableFuture.supplyAsync(
            () -> e.callAll(Call.all(List.of(ChatRequest.of("fake:m", "a"))), RunOptions.DEFAULT),
            r -> Thread.ofVirtual().start(r));
    assertThat(fake.awaitInFlight(1, Duration.ofSeconds(10))).isTrue();
    e.close();
    Outcome<ChatResponse> o = f.get(10, TimeUnit.SECONDS).outcomes().get(0);
    assertThat(o).as(String.valueOf(o)).isInstanceOf(Outcome.Success.class);
    assertThat(fake.interrupts()).isZero();
  }
}
