package io.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.config.ConfigLoader;
import io.chorus.config.ConfiguredEngine;
import io.chorus.core.ModelId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two protocols end to end: a real gateway in front of the in-process simulator (no keys). */
class GatewayTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static ConfiguredEngine session;
  static Gateway gateway;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(@TempDir Path dir) {
    var loaded = new ConfigLoader(Map.of()).load(null, dir, null);
    session =
        ConfiguredEngine.open(
            loaded,
            Gateway.DEFAULT_MODELS.stream().map(ModelId::parse).toList(),
            List.of(),
            b -> {});
    gateway =
        Gateway.builder()
            .session(session, Gateway.DEFAULT_MODELS)
            .port(0)
            .maxBodyBytes(64 * 1024)
            .start();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    session.close();
  }

  static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("content-type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void chatCompletionAnswersInOpenAisShapeLabelledSynthetic() throws Exception {
    var r =
        post(
            "/v1/chat/completions",
            """
        {"model": "gpt-4o-mini", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Say hello"}]}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.path("object").asText()).isEqualTo("chat.completion");
    assertThat(j.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(j.path("choices").get(0).path("message").path("content").asText()).isNotBlank();
    assertThat(j.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(j.path("usage").path("total_tokens").asLong()).isPositive();
    assertThat(j.path("chorus").path("synthetic").asBoolean()).isTrue();
    assertThat(j.path("chorus").path("model").asText()).isEqualTo("openai:gpt-4o-mini");
    assertThat(r.headers().firstValue("x-chorus-synthetic")).contains("true");
    assertThat(r.headers().firstValue("x-request-id")).isPresent();
  }

  @Test
  void streamedChatCompletionSendsChunksThenDone() throws Exception {
    var r =
        post(
            "/v1/chat/completions",
            """
        {"model": "sim:fast", "stream": true, "stream_options": {"include_usage": true},
         "messages": [{"role": "user", "content": [{"type": "text", "text": "Say hello"}]}]}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<String> data =
        r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    String finish = null;
    long usage = 0;
    for (String d : data.subList(0, data.size() - 1)) {
      JsonNode c = JSON.readTree(d);
      assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
      if (c.path("choices").isEmpty()) {
        usage = c.path("usage").path("total_tokens").asLong();
        continue;
      }
      text.append(c.path("choices").get(0).path("delta").path("content").asText(""));
      if (!c.path("choices").get(0).path("finish_reason").isNull()) {
        finish = c.path("choices").get(0).path("finish_reason").asText();
        assertThat(c.path("chorus").path("synthetic").asBoolean()).isTrue();
      }
    }
    assertThat(text.toString()).isNotBlank();
    assertThat(finish).isEqualTo("stop");
    assertThat(usage).isPositive();
  }

  @Test
  void messagesAnswersInAnthropicsShape() throws Exception {
    var r =
        post(
            "/v1/messages",
            """
        {"model": "claude-sonnet-4-5", "max_tokens": 100, "system": "Be brief.", "messages": [{"role": "user", "content": "Say hello"}]}""",
            "anthropic-version",
            "2023-06-01");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.path("type").asText()).isEqualTo("message");
    assertThat(j.path("id").asText()).startsWith("msg_");
    assertThat(j.path("content").get(0).path("text").asText()).isNotBlank();
    assertThat(j.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(j.path("usage").path("output_tokens").asLong()).isPositive();
    assertThat(j.path("chorus").path("model").asText()).isEqualTo("anthropic:claude-sonnet-4-5");
  }

  @Test
  void streamedMessagesSendNamedEventsInOrder() throws Exception {
    var r =
        post(
            "/v1/messages",
            """
        {"model": "anthropic:claude-haiku-4-5", "max_tokens": 100, "stream": true, "messages": [{"role": "user", "content": "Say hello"}]}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> events =
        r.body()
            .lines()
            .filter(l -> l.startsWith("event: "))
            .map(l -> l.substring(7))
            .distinct()
            .toList();
    assertThat(events)
        .containsExactly(
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
  }

  @Test
  void modelsListsTheConfiguredModelsInEitherShape() throws Exception {
    var r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(r.body()).path("object").asText()).isEqualTo("list");
    assertThat(r.body()).contains("openai:gpt-4o-mini", "sim:fast");
    var a =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models"))
                .header("anthropic-version", "2023-06-01")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(a.body()).path("data").get(0).path("type").asText())
        .isEqualTo("model");
  }
}
