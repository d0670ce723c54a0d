package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.CallEvent;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.Engine;
import io.chorus.core.EngineListener;
import io.chorus.core.FailurePolicy;
import io.chorus.core.FallbackChain;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Timeouts;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every start gets its end, under failures, cancellation, hedges and fallbacks; listeners may
 * throw.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListenerContractTest {

  @Test
  void pairingHoldsUnderMixedFailures() {
    EventRecorder events = new EventRecorder();
    FakeProvider fake =
        FakeProvider.builder("fake")
            .responder(
                (req, n) -> {
                  // seeded per call, so no shared generator (and no lock) is needed
                  SplittableRandom random = new SplittableRandom(77L * 1_000_003 + n);
                  int roll = random.nextInt(10);
                  return switch (roll) {
                    case 0 -> Reply.serverError();
                    case 1 -> Reply.rateLimited(Duration.ofMillis(1));
                    case 2 -> Reply.error(new ProviderError.InvalidRequest("bad", 400));
                    case 3 -> Reply.text("slow").withLatency(Duration.ofMillis(30));
                    case 4 -> Reply.error(new ProviderError.ConnectionFailed("reset", 0));
                    default -> Reply.text("ok").withLatency(Duration.ofMillis(random.nextInt(2)));
                  };
                })
            .build();
    RetryPolicy fastRetry =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(4))
            .build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .retry(fastRetry)
            .limits("fake", Limits.concurrency(16))
            .timeouts(Timeouts.DEFAULT.withAttempt(Duration.ofMillis(500)))
            // calls wait for an open breaker to half-open: keep its open period short on real time
            .circuitBreaker(new CircuitBreakerPolicy(0.5, 20, 10, Duration.ofMillis(20), 1))
            .fallback(ModelId.parse("fake:a"), FallbackChain.of("fake:b"))
            .hedge(HedgePolicy.after(Duration.ofMillis(10)))
            .listener(events)
            .listener(
                new EngineListener() {
                  @Override
                  public void callAdmitted(CallEvent call) {
                    throw new IllegalStateException("a broken listener must not break the engine");
                  }
                })
            .build()) {
      for (FailurePolicy p :
          List.of(
              FailurePolicy.IGNORE,
              FailurePolicy.FAIL_FAST,
              FailurePolicy.quorum(5),
              FailurePolicy.REQUIRE_ALL,
              FailurePolicy.retry(1))) {
        List<ChatRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          reqs.add(ChatRequest.of(i % 2 == 0 ? "fake:a" : "fake:c", "q" + i));
        }
        RunResult<ChatResponse> r = e.callAll(Call.all(reqs), RunOptions.of(p));
        assertThat(r.outcomes()).hasSize(60);
      }
    }
    events.assertPaired();
    assertThat(events.count("runStart")).isEqualTo(5);
    assertThat(events.count("callEnd")).isEqualTo(300);
  }
}
