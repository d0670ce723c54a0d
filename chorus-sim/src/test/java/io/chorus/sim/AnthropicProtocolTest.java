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

class AnthropicProtocolTest {
  static Simulator sim;

  @BeforeAll
  static void start() {
    sim = Simulator.builder().seed(3).model("m", ModelBehaviour.INSTANT).start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void nonStreamingMessageHasTheRealShape() {
    HttpResponse<String> r =
        Wire.anthropic(sim, "sk-ant-1", Wire.anthropicBody("m", "Tell me about tests", 500, false));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("request-id")).get().asString().startsWith("req_");
    assertThat(r.headers().firstValue("content-type"))
        .get()
        .asString()
        .startsWith("application/json");
    JsonNode j = Wire.json(r);
    assertThat(j.path("type").asText()).isEqualTo("message");
    assertThat(j.path("role").asText()).isEqualTo("assistant");
    assertThat(j.path("id").asText()).startsWith("msg_");
    assertThat(j.path("model").asText()).isEqualTo("m");
    String text = j.path("content").path(0).path("text").asText();
    assertThat(j.path("content").path(0).path("type").asText()).isEqualTo("text");
    assertThat(text).isNotBlank().matches("[A-Z].*\\.");
    assertThat(j.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(j.path("stop_sequence").isNull()).isTrue();
    JsonNode u = j.path("usage");
    assertThat(u.path("input_tokens").asLong()).isEqualTo(TokenEstimate.of("Tell me about tests"));
    assertThat(u.path("output_tokens").asLong()).isEqualTo(TokenEstimate.of(text));
    assertThat(u.has("cache_creation_input_tokens")).isTrue();
    assertThat(u.has("cache_read_input_tokens")).isTrue();
  }

  @Test
  void streamingSendsTheEventSequenceAndItsTextEqualsTheNonStreamingAnswer() {
    ObjectNode body = Wire.anthropicBody("m", "Same prompt", 400, false);
    String whole =
        Wire.json(Wire.anthropic(sim, "k", body)).path("content").path(0).path("text").asText();
    body.put("stream", true);
    HttpResponse<String> r = Wire.anthropic(sim, "k", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .get()
        .asString()
        .startsWith("text/event-stream");
    List<Wire.Event> events = Wire.events(r.body());
    List<String> names = events.stream().map(Wire.Event::name).toList();
    assertThat(names.get(0)).isEqualTo("message_start");
    assertThat(names.get(1)).isEqualTo("content_block_start");
    assertThat(names).contains("ping");
    assertThat(names.subList(names.size() - 3, names.size()))
        .containsExactly("content_block_stop", "message_delta", "message_stop");
    StringBuilder text = new StringBuilder();
    for (Wire.Event e : events) {
      JsonNode j = e.json(); // every data line is valid JSON
      assertThat(j.path("type").asText()).isEqualTo(e.name());
      if (e.name().equals("content_block_delta")) {
        assertThat(j.path("delta").path("type").asText()).isEqualTo("text_delta");
        text.append(j.path("delta").path("text").asText());
      }
    }
    assertThat(text.toString()).isEqualTo(whole);
    JsonNode start = events.get(0).json().path("message");
    assertThat(start.path("usage").path("input_tokens").asLong())
        .isEqualTo(TokenEstimate.of("Same prompt"));
    JsonNode delta = events.get(events.size() - 2).json();
    assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.path("usage").path("output_tokens").asLong())
        .isEqualTo(TokenEstimate.of(whole));
  }

  @Test
  void maxTokensBoundsTheAnswerAndSetsTheStopReason() {
    JsonNode j = Wire.json(Wire.anthropic(sim, "k", Wire.anthropicBody("m", "long one", 3, false)));
    assertThat(j.path("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(j.path("usage").path("output_tokens").asLong()).isEqualTo(3);
    assertThat(j.path("content").path(0).path("text").asText()).hasSize(12);
  }

  @Test
  void stopSequencesCutTheAnswer() {
    Simulator s =
        Simulator.builder()
            .rule(Rule.builder().userContains("count").text("one two three four"))
            .start();
    try (s) {
      ObjectNode body = Wire.anthropicBody("fast", "count please", 100, false);
      body.putArray("stop_sequences").add("three");
      JsonNode j = Wire.json(Wire.anthropic(s, "k", body));
      assertThat(j.path("content").path(0).path("text").asText()).isEqualTo("one two ");
      assertThat(j.path("stop_reason").asText()).isEqualTo("stop_sequence");
      assertThat(j.path("stop_sequence").asText()).isEqualTo("three");
    }
  }

  @Test
  void invalidRequestsGetAnthropicErrorBodies() {
    ObjectNode body = Wire.anthropicBody("m", "x", 10, false);
    body.remove("max_tokens");
    HttpResponse<String> r = Wire.anthropic(sim, "k", body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode j = Wire.json(r);
    assertThat(j.path("type").asText()).isEqualTo("error");
    assertThat(j.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(j.path("error").path("message").asText()).contains("max_tokens");
  }

  @Test
  void modelsListInAnthropicShape() {
    HttpResponse<String> r =
        Wire.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/v1/models"))
                .header("anthropic-version", "2023-06-01")
                .header("x-api-key", "k")
                .GET()
                .build());
    JsonNode j = Wire.json(r);
    assertThat(j.path("has_more").asBoolean(true)).isFalse();
    assertThat(j.path("data").findValuesAsText("id")).contains("claude-sonnet-4-5", "fast", "m");
    assertThat(j.path("data").path(0).path("type").asText()).isEqualTo("model");
  }

  @Test
  void missingKeyIsRefusedWhenKeysAreRequired() {
    try (Simulator s = Simulator.builder().requireApiKey(true).start()) {
      HttpResponse<String> r = Wire.anthropic(s, null, Wire.anthropicBody("fast", "x", 10, false));
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(Wire.json(r).path("error").path("type").asText())
          .isEqualTo("authentication_error");
    }
  }
}
