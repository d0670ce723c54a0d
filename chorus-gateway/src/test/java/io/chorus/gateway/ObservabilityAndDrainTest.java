package io.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /metrics (Prometheus), GET /health, and close() draining: 503 for new requests, streams in
 * flight finish.
 */
class ObservabilityAndDrainTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void metricsCountRequestsAndEngineCallsInPrometheusText() throws Exception {
    try (TestGateway t =
        TestGateway.start(
            dir,
            "providers: {openai: {limits: {rpm: 600, concurrency: 8}}}\n",
            Map.of(),
            b -> {})) {
      assertThat(
              t.post(
                      "/v1/chat/completions",
                      """
          {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}""")
                  .statusCode())
          .isEqualTo(200);
      var m = t.get("/metrics");
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
      assertThat(m.body())
          .contains(
              "chorus_gateway_requests_seconds_count{key=\"open\",path=\"/v1/chat/completions\",status=\"200\"} 1")
          .contains("chorus_calls_total{model=\"openai:gpt-4o-mini\",outcome=\"success\"} 1.0");
      var h = t.get("/health");
      assertThat(h.statusCode()).isEqualTo(200);
      JsonNode j = JSON.readTree(h.body());
      assertThat(j.path("status").asText()).isEqualTo("ok");
      JsonNode openai = j.path("providers").path("openai");
      assertThat(openai.path("synthetic").asBoolean()).isTrue();
      assertThat(openai.path("limits").path("rpm").asDouble()).isEqualTo(600);
      assertThat(openai.path("limits").path("concurrency").asInt()).isEqualTo(8);
      assertThat(openai.has("breakers")).isTrue();
      assertThat(h.body()).doesNotContain("chorus-sim-key");
    }
  }

  @Test
  void closeDrainsAStreamInFlightAndRefusesNewRequestsInTheProtocolsShape() throws Exception {
    Path slow = dir.resolve("slow.sim.yaml");
    Files.writeString(slow, "defaultModel: {ttft: 200ms, tokensPerSecond: 40}\n");
    TestGateway t =
        TestGateway.start(
            dir, "", Map.of(), slow, b -> b.drainGrace(java.time.Duration.ofSeconds(60)));
    try {
      HttpRequest stream =
          HttpRequest.newBuilder(URI.create(t.gateway.baseUrl() + "/v1/chat/completions"))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      """
              {"model": "gpt-4o-mini", "stream": true, "max_tokens": 60, "messages": [{"role": "user", "content": "Write a long story"}]}"""))
              .build();
      HttpResponse<Stream<String>> r =
          TestGateway.HTTP.send(stream, HttpResponse.BodyHandlers.ofLines());
      assertThat(r.statusCode()).isEqualTo(200);
      var lines = r.body().iterator();
      String first = lines.next(); // the stream is under way
      assertThat(first).startsWith("data: ");
      assertThat(t.gateway.inFlight()).isEqualTo(1);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(t.gateway::close);
      while (!JSON.readTree(t.get("/health").body()).path("status").asText().equals("draining")) {
        Thread.sleep(10);
      }
      var refused =
          t.post(
              "/v1/messages",
              """
          {"model": "claude-haiku-4-5", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}""");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(refused.body()).path("error").path("type").asText())
          .isEqualTo("overloaded_error");
      List<String> rest = new java.util.ArrayList<>();
      lines.forEachRemaining(rest::add);
      assertThat(rest).contains("data: [DONE]");
      closing.get();
      assertThat(t.gateway.inFlight()).isZero();
    } finally {
      t.close();
    }
  }
}
