package io.chorus.testing.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.Engine;
import io.chorus.core.FallbackChain;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.RetryPolicy;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * "My stream handler threw on a bad chunk and Chorus retried the call three times, then fell back
 * to another model and finally opened the breaker on a healthy provider." An exception thrown by
 * the caller's {@code StreamObserver} was taken for a malformed response: retried, fallen back
 * from, and counted toward the circuit breaker. It now fails that call as the caller's error
 * ({@code caller_error}), at once and on its own.
 */
class ThrowingStreamObserverCountsAsProviderFailureTest {

  @Test
  void anObserverThatThrowsFailsItsCallAsTheCallersErrorOnly() {
    FakeClock clock = new FakeClock();
    FakeProvider a =
        FakeProvider.builder("a").responder((req, n) -> Reply.text("healthy answer")).build();
    FakeProvider b = FakeProvider.builder("b").responder((req, n) -> Reply.text("from b")).build();
    // a breaker that opens on a single failure: a caller's error must not open it
    CircuitBreakerPolicy touchy =
        CircuitBreakerPolicy.builder()
            .failureRateThreshold(1.0)
            .windowSize(1)
            .minimumCalls(1)
            .openDuration(Duration.ofMinutes(5))
            .build();
    try (Engine e =
        Engine.builder()
            .provider(a)
            .provider(b)
            .time(clock)
            .sleeper(clock)
            .retry(RetryPolicy.DEFAULT)
            .circuitBreaker(touchy)
            .fallback(ModelId.parse("a:m"), FallbackChain.of("b:m"))
            .build()) {
      IllegalStateException bug = new IllegalStateException("bad chunk");
      Outcome<ChatResponse> o =
          e.call(
              ChatRequest.of("a:m", "hi"),
              CallOptions.DEFAULT.streaming(
                  delta -> {
                    throw bug;
                  }));

      assertThat(o).isInstanceOf(Outcome.Failure.class);
      assertThat(o.errorKind()).isEqualTo("caller_error");
      assertThat(o.errorMessage()).contains("the stream observer threw").contains("bad chunk");
      Throwable error = ((Outcome.Failure<ChatResponse>) o).error();
      assertThat(((ProviderException) error).error()).isInstanceOf(ProviderError.CallerError.class);
      assertThat(error.getCause()).isSameAs(bug);
      // not retried, no fallback: one attempt, on the model asked
      assertThat(o.timeline().attempts()).hasSize(1);
      assertThat(a.calls()).isEqualTo(1);
      assertThat(b.calls()).isZero();
      // the breaker stayed closed: the next call on a:m goes through
      Outcome<ChatResponse> next =
          e.call(ChatRequest.of("a:m", "again"), CallOptions.DEFAULT.streaming(d -> {}));
      assertThat(next.optionalValue().map(ChatResponse::text)).contains("healthy answer");
      assertThat(a.calls()).isEqualTo(2);
    }
  }
}
