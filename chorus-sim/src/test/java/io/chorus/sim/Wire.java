package io.chorus.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test client for the simulator: JDK HttpClient over HTTP/1.1, plus an SSE parser. */
final class Wire {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Wire() {}

  record Event(String name, String data) {
    JsonNode json() {
      try {
        return JSON.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + data, e);
      }
    }
  }

  static ObjectNode anthropicBody(String model, String user, int maxTokens, boolean stream) {
    ObjectNode b = JSON.createObjectNode();
    b.put("model", model).put("max_tokens", maxTokens);
    if (stream) {
      b.put("stream", true);
    }
    b.putArray("messages").addObject().put("role", "user").put("content", user);
    return b;
  }

  static ObjectNode openAiBody(String model, String user, boolean stream) {
    ObjectNode b = JSON.createObjectNode();
    b.put("model", model);
    if (stream) {
      b.put("stream", true);
    }
    b.putArray("messages").addObject().put("role", "user").put("content", user);
    return b;
  }

  static HttpResponse<String> anthropic(Simulator sim, String key, JsonNode body) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages"))
            .header("anthropic-version", "2023-06-01")
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .timeout(Duration.ofSeconds(20));
    if (key != null) {
      r.header("x-api-key", key);
    }
    return send(r.build());
  }

  static HttpResponse<String> openai(Simulator sim, String key, JsonNode body) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .timeout(Duration.ofSeconds(20));
    if (key != null) {
      r.header("authorization", "Bearer " + key);
    }
    return send(r.build());
  }

  static HttpResponse<String> get(Simulator sim, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .GET()
            .timeout(Duration.ofSeconds(20))
            .build());
  }

  static HttpResponse<String> send(HttpRequest r) {
    try {
      return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }

  /** Parses a complete SSE body into events (name null when there is no {@code event:} line). */
  static List<Event> events(String body) {
    List<Event> out = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    for (String line : body.split("\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          out.add(new Event(name, data.toString()));
        }
        name = null;
        data = null;
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        String d = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
        data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
      }
    }
    return out;
  }
}
