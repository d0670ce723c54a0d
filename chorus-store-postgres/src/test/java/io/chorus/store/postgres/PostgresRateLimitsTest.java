package io.chorus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallEvent;
import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.EngineListener;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.RetryPolicy;
import io.chorus.core.SharedLimiter;
import io.chorus.testing.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two "processes" (two stores, two pools) share one budget per limiter through PostgreSQL: the
 * second draws the bucket the first drained, and a 429 seen by one pauses the other.
 */
class PostgresRateLimitsTest {

  @Test
  void twoProcessesDrawOnOneBucket() {
    String url = TestPostgres.freshDatabase();
    try (PostgresStore a = PostgresStore.open(TestPostgres.location(url));
        PostgresStore b = PostgresStore.open(TestPostgres.location(url))) {
      // six a minute: the refill while the test runs (0.1 a second) is small beside the 10 s
      // between turns
      Limits sixPerMinute = new Limits(0, 6, 0);
      SharedLimiter.Limit la = PostgresRateLimits.on(a).limit("sim", sixPerMinute);
      SharedLimiter.Limit lb = PostgresRateLimits.on(b).limit("sim", sixPerMinute);
      // the bucket holds 5.94 (1% headroom): 5 requests go at once, whoever sends them
      for (int i = 0; i < 5; i++) {
        assertThat((i % 2 == 0 ? la : lb).reserve(0)).as("request %d", i).isZero();
      }
      // then one every 10 s, in the order reserved across both processes: each waits 10 s more than
      // the last
      List<Long> waits = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        waits.add((i % 2 == 0 ? la : lb).reserve(0));
      }
      assertThat(waits.get(0))
          .as("0.06 short: 0.6 s less the refill meanwhile")
          .isBetween(0L, (long) 0.61e9);
      for (int i = 1; i < waits.size(); i++) {
        assertThat(waits.get(i) - waits.get(i - 1))
            .as("extra wait of request %d", i)
            .isBetween((long) 8e9, (long) 10.01e9);
      }
      // a refund gives the turn back
      lb.adjust(6, 0);
      assertThat(la.reserve(0)).isLessThan((long) 10.7e9);
      // another key's budget is its own
      SharedLimiter.Limit other = PostgresRateLimits.on(a, p -> "key-2").limit("sim", sixPerMinute);
      assertThat(other.reserve(0)).isZero();
    }
  }

  @Test
  void tokensAreReservedAndReconciled() {
    String url = TestPostgres.freshDatabase();
    try (PostgresStore a = PostgresStore.open(TestPostgres.location(url));
        PostgresStore b = PostgresStore.open(TestPostgres.location(url))) {
      Limits tpm = new Limits(0, 0, 6000); // 100 tokens a second, 5940 at once
      SharedLimiter.Limit la = PostgresRateLimits.on(a).limit("sim", tpm);
      SharedLimiter.Limit lb = PostgresRateLimits.on(b).limit("sim", tpm);
      assertThat(la.reserve(5000)).isZero();
      assertThat(lb.reserve(1000))
          .as("60 tokens short: 0.6 s")
          .isBetween((long) 0.4e9, (long) 0.61e9);
      la.adjust(0, 4000); // the first call used 1000 of its 5000
      assertThat(lb.reserve(1000)).isZero();
    }
  }

  @Test
  void a429InOneProcessPausesTheProviderInTheOther() {
    String url = TestPostgres.freshDatabase();
    try (PostgresStore a = PostgresStore.open(TestPostgres.location(url));
        PostgresStore b = PostgresStore.open(TestPostgres.location(url))) {
      FakeProvider limited =
          FakeProvider.builder("fake")
              .script(
                  FakeProvider.Reply.rateLimited(Duration.ofSeconds(2)),
                  FakeProvider.Reply.text("ok"))
              .build();
      FakeProvider other = FakeProvider.builder("fake").build();
      List<Duration> waitsInB = new CopyOnWriteArrayList<>();
      try (Engine ea =
              Engine.builder()
                  .provider(limited)
                  .sharedLimiter(PostgresRateLimits.on(a))
                  .limits("fake", new Limits(8, 600, 0))
                  .retry(RetryPolicy.builder().maxRetries(0).build())
                  .build();
          Engine eb =
              Engine.builder()
                  .provider(other)
                  .sharedLimiter(PostgresRateLimits.on(b))
                  .limits("fake", new Limits(8, 600, 0))
                  .listener(
                      new EngineListener() {
                        @Override
                        public void rateLimitWaitStart(
                            CallEvent call, ModelId model, String bucket, Duration expected) {
                          waitsInB.add(expected);
                        }
                      })
                  .build()) {
        ea.call(ChatRequest.of("fake:m", "hello"));
        eb.call(ChatRequest.of("fake:m", "hello"));
      }
      assertThat(waitsInB).as("B waited out A's retry-after").hasSize(1);
      assertThat(waitsInB.get(0))
          .isGreaterThan(Duration.ofMillis(1000))
          .isLessThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(other.calls()).isEqualTo(1);
    }
  }
}
