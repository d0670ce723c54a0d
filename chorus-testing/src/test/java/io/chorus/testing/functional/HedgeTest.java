package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Attempt;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.HedgePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.core.Usage;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hedged requests: first success wins, the loser is interrupted, extra calls are counted. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HedgeTest {
  final FakeClock clock = new FakeClock();
  final EventRecorder events = new EventRecorder();

  Engine.Builder engine(FakeProvider fake) {
    // threads(clock): the clock moves only while the engine is idle, so the first attempt reaches
    // the fake before the hedge delay passes, and sleepers wake in time order
    return Engine.builder()
        .provider(fake)
        .time(clock)
        .sleeper(clock)
        .threads(clock)
        .seed(11)
        .listener(events);
  }

  @Test
  void hedgeAfterFixedDelayWinsAndTheSlowAttemptIsCancelled() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.hang(), Reply.text("hedged").withUsage(Usage.of(10, 10)))
            .build();
    try (Engine e =
        engine(fake)
            .hedge(HedgePolicy.after(Duration.ofSeconds(2)))
            .prices(PriceTable.empty().with("fake:*", Price.of(1, 1)))
            .build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "x"));
      assertThat(o.optionalValue().map(ChatResponse::text)).contains("hedged");
      assertThat(o.timeline().attempts())
          .extracting(Attempt::kind)
          .containsExactly(Attempt.Kind.FIRST, Attempt.Kind.HEDGE);
      // the first attempt reached the fake (and hangs) before the clock passed the hedge delay: it
      // is
      // the one cancelled, and the hedge launched at exactly 2 s wins
      assertThat(o.timeline().attempts())
          .extracting(Attempt::result)
          .containsExactly(Attempt.Result.CANCELLED, Attempt.Result.SUCCEEDED);
      assertThat(fake.startTimes())
          .containsExactly(FakeClock.EPOCH, FakeClock.EPOCH.plusSeconds(2));
      assertThat(o.timeline().hedges()).isEqualTo(1);
      assertThat(o.timeline().costUsd()).isPositive();
      assertThat(fake.interrupts()).isEqualTo(1);
      assertThat(clock.sleeps())
          .contains(Duration.ofSeconds(2)); // and the timeout thread's wait for the attempt timeout
      assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }
    assertThat(events.count("hedgeLaunched")).isEqualTo(1);
    events.assertPaired();
  }

  @Test
  void aCallSwitchesOffTheEngineWideHedgeWithNone() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .onMessage("a", Reply.hang(), Reply.text("hedged"))
            .build();
    try (Engine e =
        engine(fake).hedge(HedgePolicy.builder().delay(Duration.ofSeconds(1)).build()).build()) {
      Outcome<ChatResponse> hedged = e.call(ChatRequest.of("fake:m", "a"));
      assertThat(hedged.timeline().hedges()).isEqualTo(1);
      Outcome<ChatResponse> plain =
          e.call(ChatRequest.of("fake:m", "b"), CallOptions.DEFAULT.withHedge(HedgePolicy.NONE));
      assertThat(plain.timeline().attempts())
          .extracting(Attempt::kind)
          .containsExactly(Attempt.Kind.FIRST);
      assertThat(plain.timeline().hedges()).isZero();
    }
    assertThat(events.count("hedgeLaunched")).isEqualTo(1);
  }

  @Test
  void hedgeGoesToAnotherModel() {
    ModelId b = ModelId.parse("fake:b");
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .on(r -> r.model().equals(b), Reply.text("from b"))
            .script(Reply.hang())
            .build();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o =
          e.call(
              ChatRequest.of("fake:a", "x"),
              CallOptions.DEFAULT.withHedge(HedgePolicy.after(Duration.ofSeconds(1)).to(b)));
      assertThat(o.optionalValue().orElseThrow().model()).isEqualTo(b);
      assertThat(fake.interrupts()).isEqualTo(1);
    }
  }

  @Test
  void quantileDelayFollowsObservedLatency() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .latency(Duration.ofMillis(300))
            .onMessage("slow", Reply.hang(), Reply.text("hedge"))
            .build();
    try (Engine e = engine(fake).build()) {
      for (int i = 0; i < 20; i++) {
        assertThat(e.call(ChatRequest.of("fake:m", "warm" + i)).isSuccess()).isTrue();
      }
      int before = clock.sleeps().size();
      Outcome<ChatResponse> o =
          e.call(
              ChatRequest.of("fake:m", "slow"),
              CallOptions.DEFAULT.withHedge(HedgePolicy.atQuantile(0.9, Duration.ofSeconds(10))));
      assertThat(o.optionalValue().map(ChatResponse::text)).contains("hedge");
      // the hedge waited the observed p90 (300 ms), not the initial 10 s
      assertThat(clock.sleeps().subList(before, clock.sleeps().size()))
          .contains(Duration.ofMillis(300))
          .doesNotContain(Duration.ofSeconds(10));
    }
  }

  @Test
  void cancelledLosersKeepTheSlowTailInTheQuantile() {
    FakeProvider.Builder b =
        FakeProvider.builder("fake").clock(clock).latency(Duration.ofMillis(300));
    for (int i = 0; i <= 20; i++) {
      b.onMessage("slow" + i, Reply.hang(), Reply.text("hedge"));
    }
    FakeProvider fake = b.build();
    CallOptions hedged =
        CallOptions.DEFAULT.withHedge(HedgePolicy.atQuantile(0.9, Duration.ofSeconds(10)));
    try (Engine e = engine(fake).build()) {
      for (int i = 0; i < 20; i++) {
        assertThat(e.call(ChatRequest.of("fake:m", "warm" + i)).isSuccess()).isTrue();
      }
      for (int i = 0; i < 20; i++) {
        assertThat(
                e.call(ChatRequest.of("fake:m", "slow" + i), hedged)
                    .optionalValue()
                    .map(ChatResponse::text))
            .contains("hedge");
      }
      int before = clock.sleeps().size();
      assertThat(e.call(ChatRequest.of("fake:m", "slow20"), hedged).isSuccess()).isTrue();
      // every loser ran at least the hedge delay plus the hedge's 300 ms before it was cancelled,
      // and
      // those lower bounds are in the window: half the calls never finish by themselves, so the p90
      // delay rises above the 300 ms that the successes alone would give (and stays below the 10 s
      // default)
      assertThat(clock.sleeps().subList(before, clock.sleeps().size()))
          .anyMatch(
              d ->
                  d.compareTo(Duration.ofMillis(300)) > 0
                      && d.compareTo(Duration.ofSeconds(10)) < 0);
    }
  }

  @Test
  void aFastPrimaryNeedsNoHedge() {
    FakeProvider fake = FakeProvider.echo("fake");
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .hedge(HedgePolicy.after(Duration.ofSeconds(30)))
            .listener(events)
            .build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "x"));
      assertThat(o.timeline().hedges()).isZero();
      assertThat(fake.calls()).isEqualTo(1);
    }
    events.assertPaired();
  }

  @Test
  void hedgesNeverExceedTheConcurrencyLimit() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("slow").withLatency(Duration.ofSeconds(5)))
            .build();
    try (Engine e =
        engine(fake)
            .limits("fake", io.chorus.core.Limits.concurrency(1))
            .hedge(HedgePolicy.after(Duration.ofSeconds(1)))
            .build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "x"));
      assertThat(o.isSuccess()).isTrue();
      assertThat(o.timeline().hedges()).isZero(); // no room for a hedge: it is skipped, not queued
      assertThat(fake.peakConcurrency()).isEqualTo(1);
    }
  }
}
