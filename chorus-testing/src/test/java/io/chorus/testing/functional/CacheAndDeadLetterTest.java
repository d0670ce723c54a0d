package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.InMemoryResponseCache;
import io.chorus.core.JsonlDeadLetterSink;
import io.chorus.core.Outcome;
import io.chorus.core.ResponseCache;
import io.chorus.core.RetryPolicy;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheAndDeadLetterTest {
  final FakeClock clock = new FakeClock();
  final EventRecorder events = new EventRecorder();

  @Test
  void identicalRequestsAreAnsweredFromTheCacheButSamplesAreNot() {
    FakeProvider fake = FakeProvider.echo("fake");
    InMemoryResponseCache cache = new InMemoryResponseCache(100);
    try (Engine e = Engine.builder().provider(fake).cache(cache).listener(events).build()) {
      ChatRequest r = ChatRequest.of("fake:m", "same");
      assertThat(e.call(r).isSuccess()).isTrue();
      Outcome<ChatResponse> again = e.call(r);
      assertThat(again.optionalValue().map(ChatResponse::text)).contains("echo: same");
      assertThat(again.timeline().attempts()).isEmpty();
      assertThat(again.timeline().costUsd()).isZero();
      assertThat(fake.calls()).isEqualTo(1);
      e.call(r.toBuilder().sampleIndex(1).build());
      assertThat(fake.calls()).isEqualTo(2);
      e.call(r, CallOptions.DEFAULT.withCache(false));
      assertThat(fake.calls()).isEqualTo(3);
      assertThat(cache.hits()).isEqualTo(1);
    }
    assertThat(events.count("cacheHit")).isEqualTo(1);
    events.assertPaired();
  }

  @Test
  void noCacheIsAnExplicitValueNotNull() {
    FakeProvider fake = FakeProvider.echo("fake");
    assertThatThrownBy(() -> Engine.builder().cache(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("ResponseCache.NONE");
    try (Engine e = Engine.builder().provider(fake).build()) {
      assertThat(e.config().cache()).isSameAs(ResponseCache.NONE);
      ChatRequest r = ChatRequest.of("fake:m", "same");
      e.call(r);
      e.call(r);
      assertThat(fake.calls()).as("nothing answers from NONE").isEqualTo(2);
    }
    try (Engine e = Engine.builder().provider(fake).cache(ResponseCache.NONE).build()) {
      e.call(ChatRequest.of("fake:m", "same"));
      assertThat(fake.calls()).isEqualTo(3);
    }
  }

  @Test
  void cacheEvictsTheLeastRecentlyUsed() {
    InMemoryResponseCache cache = new InMemoryResponseCache(2);
    ChatResponse r =
        new ChatResponse(
            "t",
            io.chorus.core.StopReason.END_TURN,
            io.chorus.core.Usage.ZERO,
            io.chorus.core.ModelId.parse("fake:m"),
            null,
            java.time.Duration.ZERO,
            null,
            null,
            null,
            false);
    cache.put("a", r);
    cache.put("b", r);
    cache.get("a");
    cache.put("c", r);
    assertThat(cache.get("b")).isEmpty();
    assertThat(cache.get("a")).isPresent();
  }

  @Test
  void failedCallsBecomeDeadLettersInMemoryAndInJsonlWithoutSecrets(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("dead/letters.jsonl");
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.serverError()).build();
    try (JsonlDeadLetterSink sink = new JsonlDeadLetterSink(file);
        Engine e =
            Engine.builder()
                .provider(fake)
                .time(clock)
                .sleeper(clock)
                .seed(1)
                .deadLetters(sink)
                .listener(events)
                .retry(RetryPolicy.builder().maxRetries(1).build())
                .build()) {
      ChatRequest req =
          ChatRequest.builder("fake:m")
              .system("be brief")
              .user("my key is sk-abcdefghijklmnop")
              .metadata("api_key", "secret-value")
              .metadata("voter", "3")
              .build();
      e.call(req);
      e.call(ChatRequest.of("fake:m", "second"));
      assertThat(e.deadLetters()).hasSize(2);
      assertThat(e.deadLetters().get(0).attempts()).hasSize(2);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("errorKind").asText()).isEqualTo("server_error");
    assertThat(first.at("/request/model").asText()).isEqualTo("fake:m");
    assertThat(first.at("/request/system").asText()).isEqualTo("be brief");
    assertThat(first.at("/request/metadata/voter").asText()).isEqualTo("3");
    assertThat(first.at("/request/metadata").has("api_key")).isFalse();
    assertThat(first.get("attempts")).hasSize(2);
    assertThat(lines.get(0))
        .doesNotContain("sk-abcdefghijklmnop")
        .doesNotContain("secret-value")
        .contains("[redacted]");
    assertThat(events.count("deadLetter")).isEqualTo(2);
  }
}
