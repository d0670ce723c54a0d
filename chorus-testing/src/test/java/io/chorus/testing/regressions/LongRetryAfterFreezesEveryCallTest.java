package io.chorus.testing.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Outcome;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "{@code retry-after: 3600} pauses the provider's bucket for an hour and freezes every
 * other item". The pause is capped at {@code retry.maxRetryAfter} like a retry's wait, and the call
 * that got the long wait fails with the provider's wait and when to come back.
 */
class LongRetryAfterFreezesEveryCallTest {
  final FakeClock clock = new FakeClock();

  @Test
  void anHourLongRetryAfterFailsThatCallAndPausesOthersAtMostTheCap() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.rateLimited(Duration.ofSeconds(3600)), Reply.text("next item"))
            .build();
    try (Engine e = Engine.builder().provider(fake).time(clock).sleeper(clock).seed(1).build()) {
      Outcome<ChatResponse> first = e.call(ChatRequest.of("fake:m", "a"));
      assertThat(first.errorKind()).isEqualTo("rate_limited");
      String message = ((Outcome.Failure<ChatResponse>) first).error().getMessage();
      assertThat(message)
          .contains(
              "asked to wait 3600 s",
              "come back at 2026-01-01T01:00:00Z",
              "retry.maxRetryAfter (60 s)");
      long before = clock.nanoTime();
      Outcome<ChatResponse> second = e.call(ChatRequest.of("fake:m", "b"));
      assertThat(second.isSuccess()).isTrue();
      assertThat(Duration.ofNanos(clock.nanoTime() - before))
          .isLessThanOrEqualTo(Duration.ofSeconds(60));
    }
  }
}
