package io.chorus.sim.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Rule;
import io.chorus.sim.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * "The simulator answers any model name: {@code anthropic:claude-sonet-4-5} (typo) exits 0."
 * Standing in for a provider (under {@code /anthropic}, {@code /openai}, {@code /xai}), the
 * simulator answers that provider's published models and the declared ones, and gives any other
 * name the provider's own 404; under the plain base URL (the {@code sim:} models) every name works.
 */
class MistypedModelNameIsNotFoundTest {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  static HttpResponse<String> anthropic(String base, String model) throws Exception {
    String body =
        "{\"model\":\""
            + model
            + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
            .header("x-api-key", "k")
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> openai(String base, String model) throws Exception {
    String body =
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
            .header("authorization", "Bearer k")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aTypoGetsTheProvidersOwnNotFound() throws Exception {
    try (Simulator sim = Simulator.builder().start()) {
      HttpResponse<String> a = anthropic(sim.baseUrl("anthropic"), "claude-sonet-4-5");
      assertThat(a.statusCode()).isEqualTo(404);
      JsonNode ae = JSON.readTree(a.body());
      assertThat(ae.path("type").asText()).isEqualTo("error");
      assertThat(ae.at("/error/type").asText()).isEqualTo("not_found_error");
      assertThat(ae.at("/error/message").asText()).isEqualTo("model: claude-sonet-4-5");

      HttpResponse<String> o = openai(sim.baseUrl("openai"), "gpt-4o-mnii");
      assertThat(o.statusCode()).isEqualTo(404);
      JsonNode oe = JSON.readTree(o.body());
      assertThat(oe.at("/error/code").asText()).isEqualTo("model_not_found");
      assertThat(oe.at("/error/type").asText()).isEqualTo("invalid_request_error");
      assertThat(oe.at("/error/message").asText()).contains("`gpt-4o-mnii` does not exist");

      assertThat(openai(sim.baseUrl("xai"), "grok-5").statusCode()).isEqualTo(404);
      // a real id of another provider is not this provider's
      assertThat(openai(sim.baseUrl("openai"), "claude-sonnet-4-5").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void publishedAndDeclaredModelsAnswerAndTheSimModelsAnswerAnyName() throws Exception {
    try (Simulator sim =
        Simulator.builder()
            .model("house-model", ModelBehaviour.INSTANT)
            .rule(Rule.builder().model("ruled-model").text("ok"))
            .start()) {
      assertThat(anthropic(sim.baseUrl("anthropic"), "claude-sonnet-4-5").statusCode())
          .isEqualTo(200);
      assertThat(openai(sim.baseUrl("openai"), "gpt-4o-mini").statusCode()).isEqualTo(200);
      assertThat(openai(sim.baseUrl("xai"), "grok-4").statusCode()).isEqualTo(200);
      assertThat(anthropic(sim.baseUrl("anthropic"), "house-model").statusCode()).isEqualTo(200);
      assertThat(openai(sim.baseUrl("openai"), "ruled-model").statusCode()).isEqualTo(200);
      assertThat(openai(sim.baseUrl() + "", "anything-at-all").statusCode()).isEqualTo(200);
      assertThat(anthropic(sim.baseUrl(), "claude-sonet-4-5").statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> sim.baseUrl("ollama")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
