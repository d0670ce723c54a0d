package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Attempt;
import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Outcome;
import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
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

class CallBasicsTest {
  final FakeClock clock = new FakeClock();
  final EventRecorder events = new EventRecorder();

  Engine.Builder engine(FakeProvider fake) {
    return Engine.builder().provider(fake).time(clock).sleeper(clock).seed(42).listener(events);
  }

  @Test
  void oneCallSucceedsWithTimelineUsageAndCost() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("hello").withUsage(Usage.of(1000, 500)))
            .build();
    PriceTable prices = PriceTable.empty().with("fake:*", Price.of(2, 10));
    try (Engine e = engine(fake).prices(prices).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o).isInstanceOf(Outcome.Success.class);
      assertThat(o.optionalValue().orElseThrow().text()).isEqualTo("hello");
      assertThat(o.timeline().attempts()).hasSize(1);
      assertThat(o.timeline().attempts().get(0).kind()).isEqualTo(Attempt.Kind.FIRST);
      assertThat(o.timeline().usage()).isEqualTo(Usage.of(1000, 500));
      assertThat(o.timeline().costUsd())
          .isCloseTo((1000 * 2 + 500 * 10) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(o.timeline().admittedAt()).isNotNull();
    }
    events.assertPaired();
    assertThat(events.events().stream().map(EventRecorder.Event::type).toList())
        .containsExactly(
            "runStart",
            "callQueued",
            "callAdmitted",
            "attemptStart",
            "attemptEnd",
            "callEnd",
            "runEnd");
  }

  @Test
  void callAllKeepsSubmissionOrder() {
    FakeProvider fake =
        FakeProvider.builder("fake").randomLatency(Duration.ZERO, Duration.ofMillis(2), 7).build();
    List<ChatRequest> reqs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      reqs.add(ChatRequest.of("fake:m", "q" + i));
    }
    try (Engine e = Engine.builder().provider(fake).listener(events).build()) {
      RunResult<ChatResponse> r = e.callAll(Call.all(reqs), RunOptions.DEFAULT);
      assertThat(r.failed()).isFalse();
      for (int i = 0; i < 200; i++) {
        assertThat(r.values().get(i).text()).isEqualTo("echo: q" + i);
        assertThat(r.outcomes().get(i).timeline().index()).isEqualTo(i);
      }
    }
    events.assertPaired();
  }

  @Test
  void retriesRetryableErrorsWithJitteredBackoff() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.serverError(), Reply.serverError(), Reply.text("ok"))
            .build();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o.isSuccess()).isTrue();
      assertThat(o.timeline().attempts())
          .extracting(Attempt::kind)
          .containsExactly(Attempt.Kind.FIRST, Attempt.Kind.RETRY, Attempt.Kind.RETRY);
      assertThat(o.timeline().retries()).isEqualTo(2);
      List<Duration> sleeps = clock.sleeps();
      assertThat(sleeps).hasSize(2);
      assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(500));
      assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    }
    events.assertPaired();
    assertThat(events.count("retryScheduled")).isEqualTo(2);
  }

  @Test
  void neverRetriesNonRetryableErrors() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(
                Reply.error(new ProviderError.Authentication("bad key", 401)), Reply.text("never"))
            .build();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o).isInstanceOf(Outcome.Failure.class);
      assertThat(o.errorKind()).isEqualTo("authentication");
      assertThat(fake.calls()).isEqualTo(1);
      assertThat(e.deadLetters()).hasSize(1);
      assertThat(e.deadLetters().get(0).errorKind()).isEqualTo("authentication");
    }
  }

  @Test
  void quotaExhaustedIsNeverRetried() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.error(new ProviderError.QuotaExhausted("no money", 402)))
            .build();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o.errorKind()).isEqualTo("quota_exhausted");
      assertThat(fake.calls()).isEqualTo(1);
    }
  }

  @Test
  void shouldRetryHeaderOverridesTheErrorClass() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.serverError().withShouldRetry(false), Reply.text("never"))
            .build();
    try (Engine e = engine(fake).build()) {
      assertThat(e.call(ChatRequest.of("fake:m", "hi")).isSuccess()).isFalse();
      assertThat(fake.calls()).isEqualTo(1);
    }
  }

  @Test
  void honoursRetryAfterInsteadOfBackoff() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.rateLimited(Duration.ofSeconds(7)), Reply.text("ok"))
            .build();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o.isSuccess()).isTrue();
      assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
    }
  }

  @Test
  void retryAfterLongerThanTheCapEndsRetries() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.rateLimited(Duration.ofMinutes(5)), Reply.text("ok"))
            .build();
    try (Engine e =
        engine(fake)
            .retry(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(30)).build())
            .build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o.errorKind()).isEqualTo("rate_limited");
      assertThat(fake.calls()).isEqualTo(1);
    }
  }

  @Test
  void exhaustedRetriesFailWithTheLastError() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.serverError()).build();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o).isInstanceOf(Outcome.Failure.class);
      assertThat(((Outcome.Failure<ChatResponse>) o).error()).isInstanceOf(ProviderException.class);
      assertThat(fake.calls()).isEqualTo(3); // the SDK default: 2 retries
      assertThat(o.timeline().attempts()).allMatch(a -> a.result() == Attempt.Result.FAILED);
    }
    events.assertPaired();
  }

  @Test
  void unexpectedProviderExceptionsAreMalformedResponses() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .responder(
                (r, n) -> {
                  throw new IllegalStateException("bug in provider");
                })
            .build();
    try (Engine e = engine(fake).retry(RetryPolicy.NONE).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hi"));
      assertThat(o.errorKind()).isEqualTo("malformed_response");
    }
  }

  @Test
  void streamingPassesDeltasAndMarksFirstToken() {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.text("streamed answer")).build();
    StringBuilder seen = new StringBuilder();
    try (Engine e = engine(fake).build()) {
      Outcome<ChatResponse> o =
          e.call(
              ChatRequest.of("fake:m", "hi"),
              io.chorus.core.CallOptions.DEFAULT.streaming(seen::append));
      assertThat(o.optionalValue().orElseThrow().text()).isEqualTo("streamed answer");
      assertThat(o.optionalValue().orElseThrow().timeToFirstToken()).isNotNull();
      assertThat(o.timeline().attempts().get(0).firstTokenAt()).isNotNull();
    }
    assertThat(seen.toString()).isEqualTo("streamed answer");
    assertThat(events.count("firstToken")).isEqualTo(1);
    events.assertPaired();
  }

  @Test
  void unknownProviderIsANotFoundFailure() {
    try (Engine e = engine(FakeProvider.echo("fake")).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("nope:m", "hi"));
      assertThat(o.errorKind()).isEqualTo("not_found");
      assertThat(o.errorMessage()).contains("nope");
    }
  }
}
