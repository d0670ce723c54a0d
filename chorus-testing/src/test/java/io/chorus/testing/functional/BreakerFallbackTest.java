package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Attempt;
import io.chorus.core.BreakerState;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.CircuitOpenException;
import io.chorus.core.Engine;
import io.chorus.core.FallbackChain;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.core.Timeouts;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Circuit breaker per provider+model and fallback chains with cooldown; on a fake clock. */
class BreakerFallbackTest {
  final FakeClock clock = new FakeClock();
  final EventRecorder events = new EventRecorder();
  static final ModelId A = ModelId.parse("fake:a");
  static final ModelId B = ModelId.parse("fake:b");
  static final CircuitBreakerPolicy SENSITIVE =
      CircuitBreakerPolicy.builder().windowSize(4).minimumCalls(4).build();

  Engine.Builder engine(FakeProvider fake) {
    return Engine.builder().provider(fake).time(clock).sleeper(clock).seed(9).listener(events);
  }

  static boolean to(ChatRequest r, ModelId m) {
    return r.model().equals(m);
  }

  @Test
  void breakerOpensRefusesThenHalfOpensAndCloses() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(
                Reply.serverError(),
                Reply.serverError(),
                Reply.serverError(),
                Reply.serverError(),
                Reply.text("healthy"))
            .build();
    try (Engine e = engine(fake).retry(RetryPolicy.NONE).circuitBreaker(SENSITIVE).build()) {
      for (int i = 0; i < 4; i++) {
        assertThat(e.call(ChatRequest.of("fake:a", "x")).errorKind()).isEqualTo("server_error");
      }
      // a call whose deadline ends before the breaker half-opens is refused at once, naming the
      // cause
      Outcome<ChatResponse> refused =
          e.call(
              ChatRequest.of("fake:a", "x"),
              CallOptions.DEFAULT.withTimeouts(Timeouts.DEFAULT.withCall(Duration.ofSeconds(10))));
      assertThat(((Outcome.Failure<ChatResponse>) refused).error())
          .isInstanceOf(CircuitOpenException.class)
          .hasMessageContaining("server_error (HTTP 500)");
      assertThat(fake.calls()).isEqualTo(4); // refused without calling the provider
      // another model of the same provider has its own breaker
      assertThat(e.call(ChatRequest.of("fake:b", "x")).isSuccess()).isTrue();
      clock.advance(Duration.ofSeconds(31));
      assertThat(e.call(ChatRequest.of("fake:a", "x")).isSuccess()).isTrue();
    }
    assertThat(events.events("breakerTransition"))
        .extracting(EventRecorder.Event::payload)
        .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
  }

  @Test
  void halfOpenFailureOpensAgain() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.serverError()).build();
    try (Engine e = engine(fake).retry(RetryPolicy.NONE).circuitBreaker(SENSITIVE).build()) {
      for (int i = 0; i < 4; i++) {
        e.call(ChatRequest.of("fake:a", "x"));
      }
      clock.advance(Duration.ofSeconds(31));
      e.call(ChatRequest.of("fake:a", "x"));
      CallOptions shortDeadline =
          CallOptions.DEFAULT.withTimeouts(Timeouts.DEFAULT.withCall(Duration.ofSeconds(10)));
      assertThat(e.call(ChatRequest.of("fake:a", "x"), shortDeadline).errorKind())
          .isEqualTo("CircuitOpenException");
    }
    assertThat(events.events("breakerTransition"))
        .extracting(EventRecorder.Event::payload)
        .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.OPEN);
  }

  @Test
  void rateLimitsAndInvalidRequestsDoNotOpenTheBreaker() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.error(new ProviderError.InvalidRequest("bad", 400)))
            .build();
    try (Engine e = engine(fake).retry(RetryPolicy.NONE).circuitBreaker(SENSITIVE).build()) {
      for (int i = 0; i < 8; i++) {
        e.call(ChatRequest.of("fake:a", "x"));
      }
      assertThat(fake.calls()).isEqualTo(8);
    }
    assertThat(events.count("breakerTransition")).isZero();
  }

  @Test
  void exhaustedRetriesFallBackAndTheFailedModelCoolsDown() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).on(r -> to(r, A), Reply.serverError()).build();
    FallbackChain chain = new FallbackChain(List.of(B), Duration.ofSeconds(60));
    try (Engine e = engine(fake).fallback(A, chain).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:a", "x"));
      assertThat(o.optionalValue().orElseThrow().model()).isEqualTo(B);
      assertThat(o.timeline().attempts())
          .extracting(Attempt::kind)
          .containsExactly(
              Attempt.Kind.FIRST, Attempt.Kind.RETRY, Attempt.Kind.RETRY, Attempt.Kind.FALLBACK);
      int callsToA = fake.calls() - 1;
      // within the cooldown, A is skipped
      Outcome<ChatResponse> second = e.call(ChatRequest.of("fake:a", "y"));
      assertThat(second.timeline().attempts()).extracting(Attempt::model).containsExactly(B);
      assertThat(fake.calls() - 2).isEqualTo(callsToA);
      // after it, A is tried again
      clock.advance(Duration.ofSeconds(61));
      Outcome<ChatResponse> third = e.call(ChatRequest.of("fake:a", "z"));
      assertThat(third.timeline().attempts().get(0).model()).isEqualTo(A);
    }
    assertThat(events.events("fallback"))
        .extracting(EventRecorder.Event::detail)
        .contains("fake:a -> fake:b (retries_exhausted)", "fake:a -> fake:b (cooldown)");
    events.assertPaired();
  }

  @Test
  void quotaExhaustedFallsBackAtOnce() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .on(r -> to(r, A), Reply.error(new ProviderError.QuotaExhausted("gone", 402)))
            .build();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o =
          e.call(
              ChatRequest.of("fake:a", "x"), CallOptions.DEFAULT.withFallback(FallbackChain.of(B)));
      assertThat(o.isSuccess()).isTrue();
      assertThat(fake.calls()).isEqualTo(2);
    }
  }

  @Test
  void openBreakerGoesStraightToTheFallback() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).on(r -> to(r, A), Reply.serverError()).build();
    try (Engine e = engine(fake).retry(RetryPolicy.NONE).circuitBreaker(SENSITIVE).build()) {
      for (int i = 0; i < 4; i++) {
        e.call(ChatRequest.of("fake:a", "x"));
      }
      Outcome<ChatResponse> o =
          e.call(
              ChatRequest.of("fake:a", "x"), CallOptions.DEFAULT.withFallback(FallbackChain.of(B)));
      assertThat(o.isSuccess()).isTrue();
      assertThat(o.timeline().attempts()).extracting(Attempt::model).containsExactly(B);
    }
    assertThat(events.events("fallback"))
        .extracting(EventRecorder.Event::detail)
        .contains("fake:a -> fake:b (circuit_open)");
  }

  @Test
  void invalidRequestsDoNotFallBack() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .on(r -> to(r, A), Reply.error(new ProviderError.InvalidRequest("bad", 400)))
            .build();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o =
          e.call(
              ChatRequest.of("fake:a", "x"), CallOptions.DEFAULT.withFallback(FallbackChain.of(B)));
      assertThat(o.errorKind()).isEqualTo("invalid_request");
      assertThat(fake.calls()).isEqualTo(1);
    }
  }
}
