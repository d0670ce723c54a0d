package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallContext;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FallbackChain;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.RetryPolicy;
import io.chorus.core.StreamObserver;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stream observer learns that a retry or a fallback restarted the answer: {@code onRestart} comes
 * between the void partial text and the new attempt's text, with the reason.
 */
class StreamRestartTest {

  /**
   * Streams {@code partial} and then fails, for its first {@code failures} streams; then answers.
   */
  static final class BreaksMidStream implements Provider {
    final String name;
    final int failures;
    final AtomicInteger streams = new AtomicInteger();
    final FakeProvider answers;

    BreaksMidStream(String name, int failures, String answer) {
      this.name = name;
      this.failures = failures;
      this.answers = FakeProvider.builder(name).script(Reply.text(answer)).build();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ChatResponse call(ChatRequest request, CallContext context) throws InterruptedException {
      return answers.call(request, context);
    }

    @Override
    public ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer)
        throws InterruptedException {
      if (streams.incrementAndGet() <= failures) {
        observer.onText("The answer is fo");
        throw new ProviderException(new ProviderError.ServerError("stream broke", 500));
      }
      return answers.stream(request, context, observer);
    }
  }

  /** Records what an observer saw, restarts marked as {@code [restart: reason]}. */
  static final class Recorder implements StreamObserver {
    final StringBuilder seen = new StringBuilder();
    final List<String> restarts = new ArrayList<>();

    @Override
    public void onText(String delta) {
      seen.append(delta);
    }

    @Override
    public void onRestart(String reason) {
      restarts.add(reason);
      seen.append("[restart]");
    }
  }

  @Test
  void aRetryAfterPartialTextTellsTheObserverBeforeTheNewText() {
    FakeClock clock = new FakeClock();
    BreaksMidStream p = new BreaksMidStream("p", 1, "The answer is 42.");
    Recorder r = new Recorder();
    try (Engine e =
        Engine.builder()
            .provider(p)
            .time(clock)
            .sleeper(clock)
            .retry(RetryPolicy.DEFAULT)
            .build()) {
      Outcome<ChatResponse> o =
          e.call(ChatRequest.of("p:m", "hi"), CallOptions.DEFAULT.streaming(r));
      assertThat(o.optionalValue().map(ChatResponse::text)).contains("The answer is 42.");
    }
    assertThat(r.seen.toString()).isEqualTo("The answer is fo[restart]The answer is 42.");
    assertThat(r.restarts).containsExactly("retry 2 after server_error: stream broke");
  }

  @Test
  void aFallbackAfterPartialTextTellsTheObserverWhichModelTookOver() {
    FakeClock clock = new FakeClock();
    BreaksMidStream a = new BreaksMidStream("a", Integer.MAX_VALUE, "never");
    Recorder r = new Recorder();
    try (Engine e =
        Engine.builder()
            .provider(a)
            .provider(FakeProvider.builder("b").script(Reply.text("From b.")).build())
            .time(clock)
            .sleeper(clock)
            .retry(RetryPolicy.NONE)
            .fallback(ModelId.parse("a:m"), FallbackChain.of("b:m"))
            .build()) {
      Outcome<ChatResponse> o =
          e.call(ChatRequest.of("a:m", "hi"), CallOptions.DEFAULT.streaming(r));
      assertThat(o.optionalValue().map(ChatResponse::text)).contains("From b.");
    }
    assertThat(r.seen.toString()).isEqualTo("The answer is fo[restart]From b.");
    assertThat(r.restarts).containsExactly("fallback to b:m after server_error: stream broke");
  }

  @Test
  void noRestartIsSignalledWhenTheFailedAttemptDeliveredNothing() {
    FakeClock clock = new FakeClock();
    FakeProvider p =
        FakeProvider.builder("p").script(Reply.serverError(), Reply.text("fine")).build();
    Recorder r = new Recorder();
    try (Engine e =
        Engine.builder()
            .provider(p)
            .time(clock)
            .sleeper(clock)
            .retry(RetryPolicy.DEFAULT)
            .build()) {
      e.call(ChatRequest.of("p:m", "hi"), CallOptions.DEFAULT.streaming(r));
    }
    assertThat(r.seen.toString()).isEqualTo("fine");
    assertThat(r.restarts).isEmpty();
  }
}
