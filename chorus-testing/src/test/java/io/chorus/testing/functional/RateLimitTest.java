package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RateLimitInfo;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Usage;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request and token buckets, 429 pauses and header adaptation, all on a fake clock. */
class RateLimitTest {
  final FakeClock clock = new FakeClock();
  final EventRecorder events = new EventRecorder();

  Engine.Builder engine(FakeProvider fake) {
    return Engine.builder().provider(fake).time(clock).sleeper(clock).seed(3).listener(events);
  }

  static List<ChatRequest> requests(int n, int maxTokens) {
    List<ChatRequest> reqs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      reqs.add(ChatRequest.builder("fake:m").user("q" + i).maxTokens(maxTokens).build());
    }
    return reqs;
  }

  @Test
  void requestsPerMinuteBucketSpacesCallsOnceTheBurstIsUsed() {
    FakeProvider fake = FakeProvider.builder("fake").clock(clock).build();
    try (Engine e = engine(fake).limits("fake", new Limits(1, 60, 0)).build()) {
      RunResult<ChatResponse> r = e.callAll(Call.all(requests(65, 10)), RunOptions.DEFAULT);
      assertThat(r.successes()).hasSize(65);
      // 59 in the burst (the bucket keeps 1% = 0.6 requests of headroom), the 60th 0.6 s later,
      // then one per second
      assertThat(clock.totalSlept().toNanos())
          .isCloseTo(Duration.ofMillis(5600).toNanos(), within(1_000L)); // ns rounding
      long waited =
          r.outcomes().stream().filter(o -> o.timeline().rateLimitWait().isPositive()).count();
      assertThat(waited).isEqualTo(6);
    }
    assertThat(events.count("rateLimitWaitStart")).isEqualTo(6);
    events.assertPaired();
  }

  @Test
  void tokenBucketReservesTheEstimateAndRefundsUnusedTokens() {
    // each call reserves prompt estimate + 400 max tokens, but uses 50: the refunds keep the bucket
    // open
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("x").withUsage(Usage.of(40, 10)))
            .build();
    try (Engine e = engine(fake).limits("fake", new Limits(1, 0, 1000)).build()) {
      RunResult<ChatResponse> r = e.callAll(Call.all(requests(10, 400)), RunOptions.DEFAULT);
      assertThat(r.successes()).hasSize(10);
      // without reconciliation the third call would already wait; 9 x 50 used + 402 reserved < 1000
      assertThat(clock.totalSlept()).isEqualTo(Duration.ZERO);
    }
  }

  @Test
  void usageAboveTheEstimateBecomesDebtThatLaterCallsWaitFor() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("x").withUsage(Usage.of(100, 1400)), Reply.text("y"))
            .build();
    try (Engine e = engine(fake).limits("fake", new Limits(1, 0, 1000)).build()) {
      e.call(ChatRequest.builder("fake:m").user("a").maxTokens(100).build());
      Outcome<ChatResponse> second =
          e.call(ChatRequest.builder("fake:m").user("b").maxTokens(100).build());
      assertThat(second.isSuccess()).isTrue();
      // 1000 - 1500 used = -500, then the next reservation (~102) must wait for about 602 tokens at
      // 1000/min
      assertThat(second.timeline().rateLimitWait())
          .isBetween(Duration.ofSeconds(35), Duration.ofSeconds(38));
    }
  }

  @Test
  void a429WithRetryAfterPausesTheProviderForEveryCall() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .onMessage("a", Reply.rateLimited(Duration.ofSeconds(10)))
            .build();
    try (Engine e = engine(fake).retry(RetryPolicy.NONE).build()) {
      Outcome<ChatResponse> a = e.call(ChatRequest.of("fake:m", "a"));
      assertThat(a.errorKind()).isEqualTo("rate_limited");
      // a different call that never saw the 429 waits for the pause too
      Outcome<ChatResponse> b = e.call(ChatRequest.of("fake:m", "b"));
      assertThat(b.isSuccess()).isTrue();
      assertThat(b.timeline().rateLimitWait()).isEqualTo(Duration.ofSeconds(10));
      // another provider is not paused
    }
    assertThat(events.events("rateLimitWaitStart")).hasSize(1);
    events.assertPaired();
  }

  @Test
  void aFanOutDoesNotRetryStormAfterA429() {
    // 20 calls, one at a time; the first gets a 429 with retry-after 5 s. Every later call is held
    // until the pause ends: no provider call starts inside the pause window.
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.rateLimited(Duration.ofSeconds(5)), Reply.text("ok"))
            .build();
    try (Engine e = engine(fake).limits("fake", Limits.concurrency(1)).build()) {
      RunResult<ChatResponse> r = e.callAll(Call.all(requests(20, 10)), RunOptions.DEFAULT);
      assertThat(r.successes()).hasSize(20);
      assertThat(fake.calls()).isEqualTo(21);
      List<java.time.Instant> starts = fake.startTimes();
      java.time.Instant first = starts.get(0);
      assertThat(starts.subList(1, starts.size()))
          .allMatch(t -> !t.isBefore(first.plusSeconds(5)), "no call starts inside the 5 s pause");
    }
  }

  @Test
  void headersSayingNothingIsLeftPauseUntilTheReset() {
    java.time.Instant reset = FakeClock.EPOCH.plusSeconds(20);
    RateLimitInfo empty =
        new RateLimitInfo(100L, 0L, reset, null, null, null, null, null, null, null, null);
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("first").withRateLimits(empty), Reply.text("second"))
            .build();
    try (Engine e = engine(fake).build()) {
      e.call(ChatRequest.of("fake:m", "a"));
      Outcome<ChatResponse> b = e.call(ChatRequest.of("fake:m", "b"));
      assertThat(b.timeline().rateLimitWait()).isEqualTo(Duration.ofSeconds(20));
    }
  }

  @Test
  void headersLowerTheBucketLevel() {
    // the bucket believes 593 requests are left; the provider says 7, of which the engine keeps
    // 1% of the limit (6) in hand: the second call goes, the third waits
    RateLimitInfo one =
        new RateLimitInfo(
            600L,
            7L,
            FakeClock.EPOCH.plusSeconds(60),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("a").withRateLimits(one), Reply.text("b"))
            .build();
    try (Engine e = engine(fake).limits("fake", new Limits(1, 600, 0)).build()) {
      e.call(ChatRequest.of("fake:m", "a"));
      assertThat(e.call(ChatRequest.of("fake:m", "b")).timeline().rateLimitWait()).isZero();
      Duration third = e.call(ChatRequest.of("fake:m", "c")).timeline().rateLimitWait();
      assertThat(third)
          .isPositive()
          .isLessThanOrEqualTo(Duration.ofMillis(100)); // 600/min = one per 100 ms
    }
  }

  @Test
  void modelLimitsApplyOnTopOfProviderLimits() throws Exception {
    FakeProvider fake = FakeProvider.builder("fake").latency(Duration.ofMillis(2)).build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .limits("fake", Limits.concurrency(8))
            .limits(ModelId.parse("fake:slow"), Limits.concurrency(1))
            .build()) {
      List<ChatRequest> reqs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        reqs.add(ChatRequest.of("fake:slow", "s" + i));
      }
      RunResult<ChatResponse> r = e.callAll(Call.all(reqs), RunOptions.DEFAULT);
      assertThat(r.successes()).hasSize(30);
      assertThat(fake.peakConcurrency()).isEqualTo(1);
    }
  }
}
