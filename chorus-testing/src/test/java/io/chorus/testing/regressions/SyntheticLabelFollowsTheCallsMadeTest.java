package io.chorus.testing.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FallbackChain;
import io.chorus.core.Outcome;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.core.StreamObserver;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import org.junit.jupiter.api.Test;

/**
 * "{@code chorus review FILE} where every reviewer failed ... {@code "synthetic": false}": a call
 * the simulator failed was not known to be synthetic, because only a successful response carried
 * the flag. Every attempt now records whether its provider was synthetic, so {@link
 * Outcome#synthetic()} is right for failures too, and for a fallback from a simulated to a real
 * model.
 */
class SyntheticLabelFollowsTheCallsMadeTest {
  final FakeClock clock = new FakeClock();

  /** A provider that says it is the simulator, answering through a fake. */
  static Provider simulated(FakeProvider fake) {
    return new Provider() {
      @Override
      public String name() {
        return fake.name();
      }

      @Override
      public ChatResponse call(ChatRequest request, CallContext context)
          throws InterruptedException {
        return fake.call(request, context);
      }

      @Override
      public ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer)
          throws InterruptedException {
        return fake.stream(request, context, observer);
      }

      @Override
      public boolean synthetic() {
        return true;
      }
    };
  }

  @Test
  void aFailedCallToTheSimulatorIsSynthetic() {
    FakeProvider fake =
        FakeProvider.builder("sim")
            .clock(clock)
            .script(Reply.error(new ProviderError.InvalidRequest("bad", 400)))
            .build();
    try (Engine e =
        Engine.builder()
            .provider(simulated(fake))
            .time(clock)
            .sleeper(clock)
            .retry(RetryPolicy.NONE)
            .build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("sim:a", "x"));
      assertThat(o.isSuccess()).isFalse();
      assertThat(o.synthetic()).isTrue();
      assertThat(o.timeline().attempts()).allMatch(a -> a.synthetic());
    }
  }

  @Test
  void aRealCallIsNotSyntheticAndAFallbackFromTheSimulatorIsLabelledPerAttempt() {
    FakeProvider sim = FakeProvider.builder("sim").clock(clock).script(Reply.serverError()).build();
    FakeProvider real = FakeProvider.builder("real").clock(clock).script(Reply.text("ok")).build();
    try (Engine e =
        Engine.builder()
            .provider(simulated(sim))
            .provider(real)
            .time(clock)
            .sleeper(clock)
            .retry(RetryPolicy.NONE)
            .build()) {
      Outcome<ChatResponse> plain = e.call(ChatRequest.of("real:b", "x"));
      assertThat(plain.synthetic()).isFalse();

      Outcome<ChatResponse> o =
          e.call(
              ChatRequest.of("sim:a", "x"),
              io.chorus.core.CallOptions.DEFAULT.withFallback(FallbackChain.of("real:b")));
      assertThat(o.isSuccess()).isTrue();
      assertThat(o.timeline().attempts())
          .extracting(a -> a.model().toString() + "=" + a.synthetic())
          .containsExactly("sim:a=true", "real:b=false");
      assertThat(o.synthetic()).isTrue(); // some of what this call did was simulated
    }
  }
}
