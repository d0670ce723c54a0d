package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.TokenEstimate;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenAiProtocolTest {
  static Simulator sim;

  @BeforeAll
  static void start() {
    sim =
        Simulator.builder()
            .seed(5)
            .model("m", ModelBehaviour.INSTANT)
            .model("r", ModelBehaviour.INSTANT.toBuilder().reasoning(true).build())
            .start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void nonStreamingCompletionHasTheRealShape() {
    ObjectNode body = Wire.openAiBody("m", "Hello there", false);
    body.withArray("messages").insertObject(0).put("role", "system").put("content", "Be brief.");
    HttpResponse<String> r = Wire.openai(sim, "sk-1", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-request-id")).get().asString().matches("req_[0-9a-f]{32}");
    JsonNode j = Wire.json(r);
    assertThat(j.path("object").asText()).isEqualTo("chat.completion");
    assertThat(j.path("id").asText()).startsWith("chatcmpl-");
    assertThat(j.path("created").asLong()).isPositive();
    JsonNode choice = j.path("choices").path(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    String text = choice.path("message").path("content").asText();
    assertThat(text).isNotBlank();
    assertThat(choice.path("message").has("reasoning_content")).isFalse();
    JsonNode u = j.path("usage");
    assertThat(u.path("prompt_tokens").asLong())
        .isEqualTo(TokenEstimate.of("Hello there") + TokenEstimate.of("Be brief."));
    assertThat(u.path("completion_tokens").asLong()).isEqualTo(TokenEstimate.of(text));
    assertThat(u.path("total_tokens").asLong())
        .isEqualTo(u.path("prompt_tokens").asLong() + u.path("completion_tokens").asLong());
  }

  @Test
  void streamingEndsWithDoneAndIncludesAUsageChunkWhenAsked() {
    ObjectNode body = Wire.openAiBody("m", "Stream me", false);
    String whole =
        Wire.json(Wire.openai(sim, "k", body))
            .path("choices")
            .path(0)
            .path("message")
            .path("content")
            .asText();
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    HttpResponse<String> r = Wire.openai(sim, "k", body);
    assertThat(r.headers().firstValue("content-type"))
        .get()
        .asString()
        .startsWith("text/event-stream");
    List<Wire.Event> events = Wire.events(r.body());
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    String finish = null;
    for (Wire.Event e : events.subList(0, events.size() - 2)) {
      JsonNode j = e.json();
      assertThat(j.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(j.has("usage") && j.get("usage").isNull()).isTrue();
      JsonNode c = j.path("choices").path(0);
      text.append(c.path("delta").path("content").asText(""));
      if (!c.path("finish_reason").isNull()) {
        finish = c.path("finish_reason").asText();
      }
    }
    assertThat(text.toString()).isEqualTo(whole);
    assertThat(finish).isEqualTo("stop");
    JsonNode usageChunk = events.get(events.size() - 2).json();
    assertThat(usageChunk.path("choices").isArray()).isTrue();
    assertThat(usageChunk.path("choices").size()).isZero();
    assertThat(usageChunk.path("usage").path("completion_tokens").asLong())
        .isEqualTo(TokenEstimate.of(whole));
  }

  @Test
  void streamingWithoutIncludeUsageHasNoUsageChunk() {
    HttpResponse<String> r = Wire.openai(sim, "k", Wire.openAiBody("m", "x", true));
    List<Wire.Event> events = Wire.events(r.body());
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    for (Wire.Event e : events.subList(0, events.size() - 1)) {
      assertThat(e.json().has("usage")).isFalse();
      assertThat(e.json().path("choices").size()).isEqualTo(1);
    }
  }

  @Test
  void reasoningModelsSendReasoningContentExcludedFromCompletionTokens() {
    JsonNode j = Wire.json(Wire.openai(sim, "k", Wire.openAiBody("r", "Think", false)));
    JsonNode msg = j.path("choices").path(0).path("message");
    String reasoning = msg.path("reasoning_content").asText();
    assertThat(reasoning).isNotBlank();
    JsonNode u = j.path("usage");
    assertThat(u.path("completion_tokens_details").path("reasoning_tokens").asLong())
        .isEqualTo(TokenEstimate.of(reasoning));
    assertThat(u.path("completion_tokens").asLong())
        .isEqualTo(TokenEstimate.of(msg.path("content").asText()));
    HttpResponse<String> s = Wire.openai(sim, "k", Wire.openAiBody("r", "Think", true));
    StringBuilder streamed = new StringBuilder();
    for (Wire.Event e : Wire.events(s.body())) {
      if (!e.data().equals("[DONE]")) {
        streamed.append(
            e.json().path("choices").path(0).path("delta").path("reasoning_content").asText(""));
      }
    }
    assertThat(streamed.toString()).isEqualTo(reasoning);
  }

  @Test
  void maxTokensGivesFinishReasonLength() {
    ObjectNode body = Wire.openAiBody("m", "x", false).put("max_completion_tokens", 2);
    JsonNode j = Wire.json(Wire.openai(sim, "k", body));
    assertThat(j.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
    assertThat(j.path("usage").path("completion_tokens").asLong()).isEqualTo(2);
  }

  @Test
  void errorsHaveTheOpenAiShape() {
    HttpResponse<String> r = Wire.openai(sim, "k", Wire.JSON.createObjectNode().put("model", "m"));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode e = Wire.json(r).path("error");
    assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(e.has("message") && e.has("code")).isTrue();
    HttpResponse<String> notFound = Wire.get(sim, "/v1/nothing");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(Wire.json(notFound).path("error").path("message").asText()).contains("/v1/nothing");
  }

  @Test
  void modelsListInOpenAiShape() {
    JsonNode j = Wire.json(Wire.get(sim, "/v1/models"));
    assertThat(j.path("object").asText()).isEqualTo("list");
    assertThat(j.path("data").findValuesAsText("id")).contains("gpt-4o-mini", "grok-4", "m");
  }
}
