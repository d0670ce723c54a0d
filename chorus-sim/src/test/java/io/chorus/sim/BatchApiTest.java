package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated Anthropic Message Batches API beyond what the official SDK test covers: expiry part
 * way, the size limit, and answers equal to the normal route's (samples included).
 */
class BatchApiTest {

  private static HttpResponse<String> post(Simulator sim, String path, JsonNode body) {
    return Wire.send(
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("x-api-key", "sk-ant-test")
            .header("anthropic-version", "2023-06-01")
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  private static JsonNode get(Simulator sim, String path) {
    return Wire.json(
        Wire.send(
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("x-api-key", "sk-ant-test")
                .header("anthropic-version", "2023-06-01")
                .GET()
                .build()));
  }

  private static ObjectNode batch(int n, Integer sample) {
    ObjectNode root = Wire.JSON.createObjectNode();
    ArrayNode reqs = root.putArray("requests");
    for (int i = 0; i < n; i++) {
      ObjectNode r = reqs.addObject().put("custom_id", "c" + i);
      if (sample != null) {
        r.put("x_chorus_sample", Integer.toString(sample));
      }
      r.set("params", Wire.anthropicBody("fast", "question " + i, 30, false));
    }
    return root;
  }

  private static JsonNode untilEnded(Simulator sim, String id) throws InterruptedException {
    JsonNode b = get(sim, "/v1/messages/batches/" + id);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!b.path("processing_status").asText().equals("ended") && System.nanoTime() < deadline) {
      Thread.sleep(10);
      b = get(sim, "/v1/messages/batches/" + id);
    }
    return b;
  }

  private static List<JsonNode> results(Simulator sim, String id) {
    String body =
        Wire.send(
                HttpRequest.newBuilder(
                        URI.create(sim.baseUrl() + "/v1/messages/batches/" + id + "/results"))
                    .header("x-api-key", "sk-ant-test")
                    .GET()
                    .build())
            .body();
    List<JsonNode> out = new ArrayList<>();
    for (String l : body.split("\n")) {
      if (!l.isBlank()) {
        out.add(parse(l));
      }
    }
    return out;
  }

  private static JsonNode parse(String line) {
    try {
      return Wire.JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void itemsNotFinishedBeforeTheExpiryEndExpired() throws Exception {
    try (Simulator sim =
        Simulator.builder().batches(Duration.ofMillis(400), Duration.ofMillis(200)).start()) {
      JsonNode created = Wire.json(post(sim, "/v1/messages/batches", batch(4, null)));
      assertThat(created.path("processing_status").asText()).isEqualTo("in_progress");
      assertThat(created.path("results_url").isNull()).isTrue();
      JsonNode ended = untilEnded(sim, created.path("id").asText());
      assertThat(ended.path("request_counts").toString())
          .isEqualTo(
              "{\"processing\":0,\"succeeded\":2,\"errored\":0,\"canceled\":0,\"expired\":2}");
      List<String> types =
          results(sim, created.path("id").asText()).stream()
              .map(r -> r.path("result").path("type").asText())
              .toList();
      assertThat(types).containsExactly("succeeded", "succeeded", "expired", "expired");
    }
  }

  @Test
  void aBatchOverTheLimitIsRefused() {
    try (Simulator sim = Simulator.builder().batchMaxRequests(3).start()) {
      HttpResponse<String> r = post(sim, "/v1/messages/batches", batch(4, null));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("at most 3 requests, got 4");
      ObjectNode dup = batch(2, null);
      ((ObjectNode) dup.path("requests").get(1)).put("custom_id", "c0");
      assertThat(post(sim, "/v1/messages/batches", dup).body())
          .contains("duplicate custom_id 'c0'");
    }
  }

  @Test
  void aBatchAnswersAsTheNormalRouteDoesSamplesIncluded() throws Exception {
    try (Simulator sim =
        Simulator.builder().batches(Duration.ofMillis(5), Duration.ofHours(1)).start()) {
      for (Integer sample : new Integer[] {null, 2}) {
        JsonNode created = Wire.json(post(sim, "/v1/messages/batches", batch(1, sample)));
        untilEnded(sim, created.path("id").asText());
        JsonNode viaBatch =
            results(sim, created.path("id").asText()).get(0).path("result").path("message");
        HttpRequest.Builder direct =
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages"))
                .header("x-api-key", "sk-ant-test")
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json");
        if (sample != null) {
          direct.header("x-chorus-sample", Integer.toString(sample));
        }
        JsonNode call =
            Wire.json(
                Wire.send(
                    direct
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                Wire.anthropicBody("fast", "question 0", 30, false).toString()))
                        .build()));
        assertThat(viaBatch.path("content")).isEqualTo(call.path("content"));
        assertThat(viaBatch.path("usage")).isEqualTo(call.path("usage"));
      }
    }
  }
}
