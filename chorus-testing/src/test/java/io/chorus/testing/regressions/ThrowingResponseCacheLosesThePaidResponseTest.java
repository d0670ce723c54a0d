package io.chorus.testing.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Outcome;
import io.chorus.core.ResponseCache;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "My cache's disk filled up and {@code engine.call} threw: the answer I had just paid for was
 * gone, and my progress listener never saw the call end." A {@link ResponseCache} that threw on
 * {@code put} made {@code Engine.call} throw after the provider had answered (the response lost),
 * and the {@code callEnd}/{@code runEnd} events were never sent, breaking the listener's promise
 * that every start gets its end. Now a cache that throws is a miss on read and a logged skip on
 * write, and the end events are sent in {@code finally}.
 */
class ThrowingResponseCacheLosesThePaidResponseTest {

  static final class BrokenCache implements ResponseCache {
    private final boolean failGet;

    BrokenCache(boolean failGet) {
      this.failGet = failGet;
    }

    @Override
    public Optional<ChatResponse> get(String identity) {
      if (failGet) {
        throw new IllegalStateException("cache unreadable");
      }
      return Optional.empty();
    }

    @Override
    public void put(String identity, ChatResponse response) {
      throw new IllegalStateException("disk full");
    }
  }

  @Test
  void aCacheThatCannotStoreStillReturnsThePaidResponseAndPairsTheEvents() {
    EventRecorder events = new EventRecorder();
    FakeProvider fake = FakeProvider.echo("fake");
    try (Engine e =
        Engine.builder().provider(fake).cache(new BrokenCache(false)).listener(events).build()) {
      Outcome<ChatResponse> o = e.call(ChatRequest.of("fake:m", "hello"));
      assertThat(o.optionalValue().map(ChatResponse::text)).contains("echo: hello");
      RunResult<ChatResponse> all =
          e.callAll(
              Call.all(List.of(ChatRequest.of("fake:m", "a"), ChatRequest.of("fake:m", "b"))),
              RunOptions.of(FailurePolicy.IGNORE));
      assertThat(all.values()).extracting(ChatResponse::text).containsExactly("echo: a", "echo: b");
    }
    assertThat(fake.calls()).isEqualTo(3);
    assertThat(events.count("callEnd")).isEqualTo(3);
    assertThat(events.count("runEnd")).isEqualTo(2);
    events.assertPaired();
  }

  @Test
  void aCacheThatCannotReadIsAMiss() {
    EventRecorder events = new EventRecorder();
    FakeProvider fake = FakeProvider.echo("fake");
    try (Engine e =
        Engine.builder().provider(fake).cache(new BrokenCache(true)).listener(events).build()) {
      assertThat(e.call(ChatRequest.of("fake:m", "hello")).isSuccess()).isTrue();
    }
    events.assertPaired();
  }
}
