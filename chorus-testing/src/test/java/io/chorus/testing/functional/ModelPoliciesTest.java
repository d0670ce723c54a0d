package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.Attempt;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.Engine;
import io.chorus.core.HedgePolicy;
import io.chorus.core.ModelCatalog;
import io.chorus.core.ModelId;
import io.chorus.core.ModelPolicies;
import io.chorus.core.Outcome;
import io.chorus.core.RetryPolicy;
import io.chorus.core.Timeouts;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Retry, breaker, hedge and timeouts per provider and per model, and the context-window check; on a
 * fake clock.
 */
@org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModelPoliciesTest {
  final FakeClock clock = new FakeClock();

  Engine.Builder engine(FakeProvider... fakes) {
    Engine.Builder b = Engine.builder().time(clock).sleeper(clock).seed(3);
    for (FakeProvider f : fakes) {
      b.provider(f);
    }
    return b;
  }

  @Test
  void aModelsRetryOverridesItsProvidersWhichOverridesTheEngines() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.serverError()).build();
    FakeProvider other =
        FakeProvider.builder("other").clock(clock).script(Reply.serverError()).build();
    try (Engine e =
        engine(fake, other)
            .retry(RetryPolicy.builder().maxRetries(1).build())
            .circuitBreaker(CircuitBreakerPolicy.NONE)
            .policies(
                "fake",
                ModelPolicies.builder().retry(RetryPolicy.builder().maxRetries(3).build()).build())
            .policies(
                ModelId.parse("fake:solo"), ModelPolicies.builder().retry(RetryPolicy.NONE).build())
            .build()) {
      e.call(ChatRequest.of("fake:a", "x"));
      assertThat(fake.calls()).isEqualTo(4); // the provider's 3 retries
      e.call(ChatRequest.of("fake:solo", "x"));
      assertThat(fake.calls()).isEqualTo(5); // the model's: none
      e.call(ChatRequest.of("other:a", "x"));
      assertThat(other.calls()).isEqualTo(2); // the engine's 1 retry
      // the call's own options still win
      e.call(
          ChatRequest.of("fake:solo", "x"),
          CallOptions.DEFAULT.withRetry(RetryPolicy.builder().maxRetries(2).build()));
      assertThat(fake.calls()).isEqualTo(8);
    }
  }

  @Test
  void aModelsBreakerOpensWhileTheEnginesDoesNot() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.serverError()).build();
    try (Engine e =
        engine(fake)
            .retry(RetryPolicy.NONE)
            .circuitBreaker(CircuitBreakerPolicy.NONE)
            .policies(
                ModelId.parse("fake:fragile"),
                ModelPolicies.builder()
                    .circuitBreaker(
                        CircuitBreakerPolicy.builder().windowSize(2).minimumCalls(2).build())
                    .build())
            .build()) {
      CallOptions shortCall =
          CallOptions.DEFAULT.withTimeouts(Timeouts.DEFAULT.withCall(Duration.ofSeconds(5)));
      for (int i = 0; i < 3; i++) {
        e.call(ChatRequest.of("fake:fragile", "x"), shortCall);
        e.call(ChatRequest.of("fake:sturdy", "x"), shortCall);
      }
      // fragile opened after 2 failures and refused the third without calling; sturdy was called 3
      // times
      assertThat(fake.requests().stream().filter(r -> r.model().model().equals("fragile")).count())
          .isEqualTo(2);
      assertThat(fake.requests().stream().filter(r -> r.model().model().equals("sturdy")).count())
          .isEqualTo(3);
    }
  }

  @Test
  void aProvidersHedgeAndTimeoutsApplyToItsModelsOnly() throws Exception {
    FakeProvider slow =
        FakeProvider.builder("slow")
            .clock(clock)
            .onMessage("a", Reply.hang(), Reply.text("hedged"))
            .build();
    FakeProvider plain = FakeProvider.builder("plain").clock(clock).script(Reply.hang()).build();
    try (Engine e =
        engine(slow, plain)
            .policies(
                "slow",
                ModelPolicies.builder().hedge(HedgePolicy.after(Duration.ofSeconds(1))).build())
            .policies(
                "plain",
                ModelPolicies.builder()
                    .timeouts(Timeouts.DEFAULT.withAttempt(Duration.ofSeconds(2)))
                    .build())
            .retry(RetryPolicy.NONE)
            .build()) {
      Outcome<ChatResponse> hedged = e.call(ChatRequest.of("slow:m", "a"));
      assertThat(hedged.isSuccess()).isTrue();
      assertThat(hedged.timeline().hedges()).isEqualTo(1); // the provider's hedge went out
      CompletableFuture<Outcome<ChatResponse>> f =
          CompletableFuture.supplyAsync(
              () -> e.call(ChatRequest.of("plain:m", "a")), r -> Thread.ofVirtual().start(r));
      assertThat(plain.awaitInFlight(1, Duration.ofSeconds(10))).isTrue();
      clock.advance(Duration.ofSeconds(3));
      Outcome<ChatResponse> timedOut = f.get(10, TimeUnit.SECONDS);
      assertThat(timedOut.timeline().attempts())
          .extracting(Attempt::result)
          .containsExactly(
              Attempt.Result.TIMED_OUT); // the provider's 2 s attempt limit, and no hedge there
    }
  }

  @Test
  void aHedgeThatCouldNeverStartIsRejectedNamingWhere() {
    FakeProvider fake = FakeProvider.echo("fake");
    assertThatThrownBy(
            () ->
                engine(fake)
                    .policies(
                        "fake",
                        ModelPolicies.builder()
                            .hedge(HedgePolicy.after(Duration.ofMinutes(1)))
                            .timeouts(Timeouts.DEFAULT.withAttempt(Duration.ofSeconds(30)))
                            .build())
                    .build())
        .hasMessageStartingWith("policies[fake].hedge.delay");
  }

  @Test
  void aRequestOverItsModelsContextWindowFailsBeforeItIsSent() {
    FakeProvider fake = FakeProvider.echo("fake");
    try (Engine e =
        engine(fake)
            .catalog(ModelCatalog.empty().with(ModelId.parse("fake:small"), 100))
            .retry(RetryPolicy.builder().maxRetries(3).build())
            .build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:small", "word ".repeat(400)));
      assertThat(o.errorKind()).isEqualTo("context_too_long");
      assertThat(((Outcome.Failure<ChatResponse>) o).error().getMessage())
          .contains("context window of 100 tokens")
          .contains("fake:small")
          .contains("not sent");
      assertThat(fake.calls()).isZero();
      assertThat(o.timeline().attempts()).isEmpty();
      // a model without a known window is not checked; a small request passes
      assertThat(e.call(ChatRequest.of("fake:other", "word ".repeat(400))).isSuccess()).isTrue();
      assertThat(e.call(ChatRequest.of("fake:small", "hello")).isSuccess()).isTrue();
    }
  }
}
