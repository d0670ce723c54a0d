package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  @Test
  void aRunCannotRetryMoreThanItsBudget() {
    FakeClock clock = new FakeClock();
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.serverError()).build();
    RetryPolicy retry = RetryPolicy.builder().maxRetries(2).retryBudget(0.1, 3).build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .time(clock)
            .sleeper(clock)
            .seed(2)
            .retry(retry)
            .circuitBreaker(io.chorus.core.CircuitBreakerPolicy.NONE)
            .limits("fake", Limits.concurrency(1))
            .build()) {
      RunResult<ChatResponse> r =
          e.callAll(Call.all(FailurePolicyTest.requests(20)), RunOptions.DEFAULT);
      assertThat(r.successes()).isEmpty();
      // 20 first attempts + (0.1 x 20 + 3) = 5 retries, not 40
      assertThat(fake.calls()).isEqualTo(25);
      assertThat(r.outcomes().stream().mapToLong(o -> o.timeline().retries()).sum()).isEqualTo(5);
    }
  }
}
