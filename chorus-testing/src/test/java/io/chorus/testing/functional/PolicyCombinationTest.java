package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Timeouts;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of retry x circuit breaker x rate limit x hedging x failure policy (80 of
 * them) over the same 20 calls on a fake clock: five flaky calls fail once, three are invalid.
 * Checks the invariants that must hold whatever the combination, and the exact counts where the
 * combination determines them.
 */
class PolicyCombinationTest {

  static Stream<Arguments> combinations() {
    List<Arguments> all = new ArrayList<>();
    for (boolean retry : new boolean[] {false, true}) {
      for (boolean breaker : new boolean[] {false, true}) {
        for (boolean rate : new boolean[] {false, true}) {
          for (boolean hedge : new boolean[] {false, true}) {
            for (FailurePolicy p :
                List.of(FailurePolicy.IGNORE, FailurePolicy.FAIL_FAST, FailurePolicy.quorum(5), FailurePolicy.REQUIRE_ALL,
                    FailurePolicy.retry(1))) {
              all.add(Arguments.of(retry, breaker, rate, hedge, p));
            }
          }
        }
      }
    }
    return all.stream();
  }

  static boolean flaky(int i) {
    return i % 4 == 0;
  }

  static boolean invalid(int i) {
    return i % 7 == 3;
  }

  @ParameterizedTest(name = "retry={0} breaker={1} rate={2} hedge={3} policy={4}")
  @MethodSource("combinations")
  void invariantsHold(boolean retry, boolean breaker, boolean rate, boolean hedge, FailurePolicy policy) {
    FakeClock clock = new FakeClock();
    EventRecorder events = new EventRecorder();
    FakeProvider.Builder fb = FakeProvider.builder("fake").clock(clock).latency(Duration.ofMillis(100));
    for (int i = 0; i < 20; i++) {
      if (flaky(i)) {
        fb.onMessage("q" + i, Reply.serverError(), Reply.text("ok " + i));
      } else if (invalid(i)) {
        fb.onMessage("q" + i, Reply.error(new ProviderError.InvalidRequest("bad " + i, 400)));
      }
    }
    FakeProvider fake = fb.build();
    Engine.Builder b =
        Engine.builder().provider(fake).time(clock).sleeper(clock).seed(17).listener(events)
            .timeouts(Timeouts.DEFAULT.withAttempt(Duration.ofHours(1)))
            .retry(retry ? RetryPolicy.builder().unlimitedBudget().build() : RetryPolicy.NONE)
            .circuitBreaker(breaker ? CircuitBreakerPolicy.builder().windowSize(4).minimumCalls(4).build() : CircuitBreakerPolicy.NONE)
            .limits("fake", rate ? new Limits(4, 6, 0) : Limits.concurrency(4));
    if (hedge) {
      b.hedge(HedgePolicy.after(Duration.ofMillis(50)));
    }
    RunResult<ChatResponse> r;
    try (Engine e = b.build()) {
      r = e.callAll(Call.all(FailurePolicyTest.requests(20)), RunOptions.of(policy));
    }

    // accounted for: one outcome per call, in order; every start has its end
    assertThat(r.outcomes()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(r.outcomes().get(i).timeline().index()).isEqualTo(i);
    }
    events.assertPaired();
    assertThat(events.count("callEnd")).isEqualTo(20);
    // every provider call is exactly one recorded attempt
    long attempts = r.outcomes().stream().mapToLong(o -> o.timeline().attempts().size()).sum();
    assertThat(attempts).isEqualTo(fake.calls());
    // invalid requests are never retried
    for (int i = 0; i < 20; i++) {
      if (invalid(i)) {
        assertThat(r.outcomes().get(i).timeline().retries()).isZero(); // a hedge may duplicate it; nothing retries it
        assertThat(r.outcomes().get(i).isSuccess()).isFalse();
      }
    }
    // the bulkhead held
    assertThat(fake.peakConcurrency()).isLessThanOrEqualTo(4);
    // the request bucket held: at most 6 + one per 10 s of engine time
    if (rate) {
      List<Instant> starts = new ArrayList<>(fake.startTimes());
      starts.sort(null);
      for (int k = 0; k < starts.size(); k++) {
        long seconds = Duration.between(FakeClock.EPOCH, starts.get(k)).toSeconds();
        assertThat(k + 1L).isLessThanOrEqualTo(6 + seconds / 10 + 1);
      }
    }
    // the failure policy decided as documented
    long successes = r.successes().size();
    switch (policy) {
      case FailurePolicy.Ignore i -> assertThat(r.failed()).isFalse();
      case FailurePolicy.Retry rr -> assertThat(r.failed()).isFalse();
      case FailurePolicy.RequireAll ra -> assertThat(r.failed()).isTrue();
      case FailurePolicy.FailFast ff -> {
        assertThat(r.failed()).isTrue();
        assertThat(r.outcomes()).anyMatch(o -> o instanceof Outcome.Failure || o instanceof Outcome.TimedOut);
      }
      case FailurePolicy.Quorum q -> assertThat(r.failed()).isEqualTo(successes < 5);
      case FailurePolicy.FailedIf f -> throw new AssertionError("not in the matrix");
      case FailurePolicy.StopWhen w -> throw new AssertionError("not in the matrix");
    }
    // where the combination fixes the numbers, check them exactly
    boolean retried = retry || policy instanceof FailurePolicy.Retry;
    if (!breaker && !hedge && (policy instanceof FailurePolicy.Ignore || policy instanceof FailurePolicy.Retry
        || policy instanceof FailurePolicy.RequireAll)) {
      assertThat(successes).isEqualTo(retried ? 17 : 12);
      assertThat(fake.calls()).isEqualTo(retried ? 25 : 20);
    }
    if (!breaker) {
      assertThat(r.outcomes()).noneMatch(o -> "CircuitOpenException".equals(o.errorKind()));
    }
  }
}
