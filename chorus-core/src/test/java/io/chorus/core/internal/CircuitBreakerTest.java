package io.chorus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.BreakerState;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.ModelId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  final ManualTime time = new ManualTime();
  final List<String> transitions = new ArrayList<>();
  final CircuitBreaker breaker =
      new CircuitBreaker(
          ModelId.parse("p:m"),
          CircuitBreakerPolicy.builder()
              .windowSize(4)
              .minimumCalls(4)
              .openDuration(Duration.ofSeconds(10))
              .halfOpenCalls(2)
              .build(),
          time,
          (m, from, to) -> transitions.add(from + ">" + to));

  private void record(CircuitBreaker.Verdict v) {
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.record(v);
  }

  @Test
  void needsMinimumCallsAndTheThresholdOverTheWindow() {
    record(CircuitBreaker.Verdict.FAILURE);
    record(CircuitBreaker.Verdict.FAILURE);
    record(CircuitBreaker.Verdict.SUCCESS);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED); // 3 < minimum 4
    record(CircuitBreaker.Verdict.SUCCESS);
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN); // 2 of 4 = 50%
  }

  @Test
  void slidingWindowForgetsOldFailures() {
    record(CircuitBreaker.Verdict.FAILURE);
    for (int i = 0; i < 10; i++) {
      record(CircuitBreaker.Verdict.SUCCESS);
    }
    record(CircuitBreaker.Verdict.FAILURE);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void ignoredVerdictsDoNotCount() {
    for (int i = 0; i < 10; i++) {
      record(CircuitBreaker.Verdict.IGNORED);
    }
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void halfOpenAllowsLimitedTrialsAndClosesAfterThemAllSucceed() {
    for (int i = 0; i < 4; i++) {
      record(CircuitBreaker.Verdict.FAILURE);
    }
    assertThat(breaker.tryAcquire()).isFalse();
    time.advance(Duration.ofSeconds(10));
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).isFalse(); // two trials at most
    breaker.record(CircuitBreaker.Verdict.SUCCESS);
    assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    breaker.record(CircuitBreaker.Verdict.SUCCESS);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(transitions).containsExactly("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
  }

  @Test
  void aHalfOpenFailureReopens() {
    for (int i = 0; i < 4; i++) {
      record(CircuitBreaker.Verdict.FAILURE);
    }
    time.advance(Duration.ofSeconds(11));
    record(CircuitBreaker.Verdict.FAILURE);
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.retryAt()).isEqualTo(time.now().plusSeconds(10));
  }
}
