package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.Sleeper;
import io.chorus.core.TokenEstimate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PromptCacheTest {
  static final String DOC = "A long shared document. ".repeat(200);

  static ObjectNode cachedRequest(String user) {
    ObjectNode body = Wire.anthropicBody("gated", user, 50, false);
    ArrayNode system = body.putArray("system");
    system.addObject().put("type", "text").put("text", "You are helpful.");
    system
        .addObject()
        .put("type", "text")
        .put("text", DOC)
        .putObject("cache_control")
        .put("type", "ephemeral");
    return body;
  }

  static JsonNode usage(Simulator sim, ObjectNode body) {
    return Wire.json(Wire.anthropic(sim, "k", body)).path("usage");
  }

  @Test
  void firstUseWritesLaterUsesReadButOnlyOnceTheWritersResponseHasBegun() throws Exception {
    CountDownLatch firstSleeping = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    Sleeper gate =
        d -> {
          if (first.compareAndSet(true, false)) {
            firstSleeping.countDown();
            release.await();
          }
        };
    try (Simulator sim =
        Simulator.builder()
            .sleeper(gate)
            .model("gated", ModelBehaviour.builder().build())
            .start()) {
      long prefix = TokenEstimate.of("You are helpful.") + TokenEstimate.of(DOC);
      CompletableFuture<JsonNode> writer =
          CompletableFuture.supplyAsync(() -> usage(sim, cachedRequest("first")));
      assertThat(firstSleeping.await(10, TimeUnit.SECONDS)).isTrue();
      // the first response has not begun: a concurrent request cannot read, it writes too
      JsonNode concurrent = usage(sim, cachedRequest("second"));
      assertThat(concurrent.path("cache_creation_input_tokens").asLong()).isEqualTo(prefix);
      assertThat(concurrent.path("cache_read_input_tokens").asLong()).isZero();
      release.countDown();
      JsonNode w = writer.get(10, TimeUnit.SECONDS);
      assertThat(w.path("cache_creation_input_tokens").asLong()).isEqualTo(prefix);
      assertThat(w.path("input_tokens").asLong()).isEqualTo(TokenEstimate.of("first"));
      JsonNode later = usage(sim, cachedRequest("third"));
      assertThat(later.path("cache_read_input_tokens").asLong()).isEqualTo(prefix);
      assertThat(later.path("cache_creation_input_tokens").asLong()).isZero();
      assertThat(later.path("input_tokens").asLong()).isEqualTo(TokenEstimate.of("third"));
      assertThat(sim.stats().totals().cacheReadTokens()).isEqualTo(prefix);
      assertThat(sim.stats().totals().cacheCreationTokens()).isEqualTo(2 * prefix);
    }
  }

  @Test
  void streamingResponseMakesTheEntryReadableAtMessageStartAndReportsUsageThere() {
    try (Simulator sim = Simulator.builder().model("gated", ModelBehaviour.INSTANT).start()) {
      ObjectNode body = cachedRequest("s").put("stream", true);
      var events = Wire.events(Wire.anthropic(sim, "k", body).body());
      JsonNode startUsage = events.get(0).json().path("message").path("usage");
      assertThat(startUsage.path("cache_creation_input_tokens").asLong()).isPositive();
      assertThat(usage(sim, cachedRequest("t")).path("cache_read_input_tokens").asLong())
          .isPositive();
    }
  }

  @Test
  void otherModelsAndOtherPrefixesDoNotShareEntries() {
    try (Simulator sim = Simulator.builder().model("gated", ModelBehaviour.INSTANT).start()) {
      usage(sim, cachedRequest("a"));
      ObjectNode otherModel = cachedRequest("b").put("model", "instant");
      assertThat(usage(sim, otherModel).path("cache_read_input_tokens").asLong()).isZero();
      ObjectNode otherDoc = cachedRequest("c");
      ((ObjectNode) otherDoc.withArray("system").get(1)).put("text", DOC + "changed");
      assertThat(usage(sim, otherDoc).path("cache_read_input_tokens").asLong()).isZero();
      ObjectNode noBreakpoint = cachedRequest("d");
      ((ObjectNode) noBreakpoint.withArray("system").get(1)).remove("cache_control");
      JsonNode u = usage(sim, noBreakpoint);
      assertThat(
              u.path("cache_read_input_tokens").asLong()
                  + u.path("cache_creation_input_tokens").asLong())
          .isZero();
    }
  }

  @Test
  void aBreakpointInAUserMessageCachesTheSystemPromptAndTheMessageUpToIt() {
    try (Simulator sim = Simulator.builder().model("gated", ModelBehaviour.INSTANT).start()) {
      long prefix = TokenEstimate.of("You are helpful.") + TokenEstimate.of(DOC);
      JsonNode first = usage(sim, messageBreakpoint("question one"));
      assertThat(first.path("cache_creation_input_tokens").asLong()).isEqualTo(prefix);
      JsonNode second = usage(sim, messageBreakpoint("question two"));
      assertThat(second.path("cache_read_input_tokens").asLong()).isEqualTo(prefix);
      assertThat(second.path("cache_creation_input_tokens").asLong()).isZero();
      assertThat(second.path("input_tokens").asLong()).isEqualTo(TokenEstimate.of("question two"));
    }
  }

  static ObjectNode messageBreakpoint(String question) {
    ObjectNode body = Wire.anthropicBody("gated", "x", 50, false);
    body.put("system", "You are helpful.");
    ArrayNode content = ((ObjectNode) body.withArray("messages").get(0)).putArray("content");
    content
        .addObject()
        .put("type", "text")
        .put("text", DOC)
        .putObject("cache_control")
        .put("type", "ephemeral");
    content.addObject().put("type", "text").put("text", question);
    return body;
  }

  @Test
  void openAiCachesAPromptStartOfAtLeast1024TokensIn128TokenStepsOnceItsResponseBegan() {
    try (Simulator sim = Simulator.builder().model("gated", ModelBehaviour.INSTANT).start()) {
      String doc = "word ".repeat(6000); // 7,500 tokens
      JsonNode first =
          Wire.json(Wire.openai(sim, "k", Wire.openAiBody("gated", doc + "one", false)));
      assertThat(first.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong())
          .isZero();
      JsonNode second =
          Wire.json(Wire.openai(sim, "k", Wire.openAiBody("gated", doc + "two", false)));
      long cached =
          second.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong();
      assertThat(cached).isGreaterThanOrEqualTo(7000).isLessThanOrEqualTo(7500);
      assertThat((cached - 1024) % 128).isZero();
      assertThat(second.path("usage").path("prompt_tokens").asLong())
          .isEqualTo(first.path("usage").path("prompt_tokens").asLong());
      JsonNode shortPrompt =
          Wire.json(Wire.openai(sim, "k", Wire.openAiBody("gated", "word ".repeat(500), false)));
      Wire.json(Wire.openai(sim, "k", Wire.openAiBody("gated", "word ".repeat(500), false)));
      assertThat(
              shortPrompt
                  .path("usage")
                  .path("prompt_tokens_details")
                  .path("cached_tokens")
                  .asLong())
          .isZero();
      assertThat(sim.stats().totals().cacheReadTokens()).isEqualTo(cached);
    }
  }
}
