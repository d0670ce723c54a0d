package io.chorus.testing.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.CircuitOpenException;
import io.chorus.core.Engine;
import io.chorus.core.Outcome;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Timeouts;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "ten 500s, then a healthy provider, on 200 items gave 1 succeeded and 199 failed in 6
 * s, 192 with {@code attempts: 0} and {@code CircuitOpenException}", and the dead letters read only
 * "CircuitOpenException … open until …". An open breaker now makes calls wait for the half-open
 * probe (within their deadline), and a refused call names the failures that opened it.
 */
class ShortOutageDeadLettersEveryQueuedCallTest {
  final FakeClock clock = new FakeClock();
  static final CircuitBreakerPolicy BREAKER =
      new CircuitBreakerPolicy(0.5, 20, 10, Duration.ofSeconds(30), 1);

  @Test
  void callsQueuedBehindAnOpenBreakerWaitForTheProbeAndSucceed() {
    AtomicInteger n = new AtomicInteger();
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .responder(
                (r, call) -> n.incrementAndGet() <= 10 ? Reply.serverError() : Reply.text("ok"))
            .build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .time(clock)
            .sleeper(clock)
            .seed(1)
            .retry(RetryPolicy.NONE)
            .circuitBreaker(BREAKER)
            .build()) {
      List<ChatRequest> items = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        items.add(ChatRequest.of("fake:m", "item " + i));
      }
      RunResult<ChatResponse> r = e.callAll(Call.all(items), RunOptions.DEFAULT);
      long ok = r.outcomes().stream().filter(Outcome::isSuccess).count();
      assertThat(ok).isEqualTo(190); // only the ten that met the outage itself failed
      assertThat(fake.calls()).isEqualTo(200); // nobody dead-lettered with zero attempts
    }
  }

  @Test
  void aRefusedCallNamesTheFailuresThatOpenedTheBreaker() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.serverError()).build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .time(clock)
            .sleeper(clock)
            .seed(1)
            .retry(RetryPolicy.NONE)
            .circuitBreaker(BREAKER)
            .build()) {
      for (int i = 0; i < 10; i++) {
        e.call(ChatRequest.of("fake:m", "x"));
      }
      // the next call waits out the open period and is the probe; it fails and the breaker opens
      // again
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "y"));
      assertThat(o.errorKind()).isEqualTo("server_error");
      assertThat(o.timeline().attempts()).hasSize(1);
      // a call whose deadline ends before the breaker half-opens again is refused at once
      Outcome<ChatResponse> refused =
          e.call(
              ChatRequest.of("fake:m", "z"),
              CallOptions.DEFAULT.withTimeouts(Timeouts.DEFAULT.withCall(Duration.ofSeconds(5))));
      Throwable error = ((Outcome.Failure<ChatResponse>) refused).error();
      assertThat(error)
          .isInstanceOf(CircuitOpenException.class)
          .hasMessageContaining("opened by server_error (HTTP 500)");
      assertThat(((CircuitOpenException) error).causes())
          .isNotEmpty()
          .allSatisfy(c -> assertThat(c.httpStatus()).isEqualTo(500));
    }
  }
}
