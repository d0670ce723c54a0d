package io.chorus.gateway.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.config.ConfigLoader;
import io.chorus.config.ConfiguredEngine;
import io.chorus.config.LoadedConfig;
import io.chorus.core.Attempt;
import io.chorus.core.CallEvent;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.gateway.Gateway;
import io.chorus.sim.SimConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15: "when a retry restarts the text, the client gets the first attempt's partial text
 * followed by the whole second answer". A streaming client whose first upstream attempt broke off
 * mid-stream read {@code The answer is forty-two, and it took the The answer is forty-two, and it
 * took the simulator a while to say so in full.}. Now the text a client already read is never
 * followed by a new answer: the gateway stops the call and ends the stream with an {@code
 * upstream_stream_broken} error (and sends no second attempt upstream). A fault before any text
 * reached the client is still retried out of its sight.
 */
class StreamRestartSplicesTwoAnswersTest {

  private static final String ANSWER =
      "The answer is forty-two, and it took the simulator a while to say so in full.";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({
    "openai, 'defaults: {retries: 2}', retry 2",
    "openai, 'defaults: {retries: 0, fallback: [sim:instant]}', fallback to sim:instant",
    "anthropic, 'defaults: {retries: 2}', retry 2",
    "anthropic, 'defaults: {retries: 0, fallback: [sim:instant]}', fallback to sim:instant"
  })
  void aStreamBrokenAfterTheClientGotTextEndsWithAnErrorInsteadOfASecondAnswer(
      String protocol, String yaml, String restart) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    String body = stream(protocol, yaml, "truncated_stream", attempts);
    String text = text(protocol, body);
    assertThat(text).as(body).isNotEmpty().isNotEqualTo(ANSWER);
    assertThat(ANSWER).as("what the client read is the start of one answer").startsWith(text);
    JsonNode error = error(protocol, body);
    assertThat(error.path("message").asText())
        .contains("broke off after part of it was sent to you", restart + " after ");
    if (protocol.equals("openai")) {
      assertThat(error.path("code").asText()).isEqualTo("upstream_stream_broken");
    } else {
      assertThat(error.path("type").asText()).isEqualTo("api_error");
    }
    assertThat(attempts).as("no second attempt goes upstream").hasValue(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aFaultBeforeAnyTextIsRetriedOutOfTheClientsSight(String protocol) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    String body = stream(protocol, "defaults: {retries: 2}", "server_error", attempts);
    assertThat(text(protocol, body)).as(body).isEqualTo(ANSWER);
    assertThat(body).doesNotContain("error");
    assertThat(attempts).hasValue(2);
  }

  private String stream(String protocol, String yaml, String fault, AtomicInteger attempts)
      throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), yaml + "\n");
    LoadedConfig loaded = new ConfigLoader(Map.of()).load(null, dir, null);
    SimConfig sim =
        SimConfig.parse(
            """
            faults:
              - kind: %s
                onRequests: [1]
            rules:
              - match: {userContains: "question"}
                text: "%s"
            """
                .formatted(fault, ANSWER),
            "sim.yaml");
    EngineListener counter =
        new EngineListener() {
          @Override
          public void attemptEnd(CallEvent call, Attempt attempt) {
            if (!"caller_error".equals(attempt.errorKind())) { // one stopped by the gateway
              attempts.incrementAndGet();
            }
          }
        };
    try (ConfiguredEngine session =
            ConfiguredEngine.open(
                loaded,
                List.of(ModelId.parse("sim:fast"), ModelId.parse("sim:instant")),
                List.of(counter),
                b -> {},
                sim);
        Gateway gateway =
            Gateway.builder()
                .session(session, List.of("sim:fast", "sim:instant"))
                .port(0)
                .start()) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              gateway.baseUrl()
                                  + (protocol.equals("openai")
                                      ? "/v1/chat/completions"
                                      : "/v1/messages")))
                      .header("content-type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              """
                              {"model": "sim:fast", "stream": true, "max_tokens": 200,
                               "messages": [{"role": "user", "content": "the question"}]}"""))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return r.body();
    }
  }

  private static String text(String protocol, String body) throws Exception {
    StringBuilder text = new StringBuilder();
    for (JsonNode c : data(body)) {
      text.append(
          protocol.equals("openai")
              ? c.path("choices").path(0).path("delta").path("content").asText("")
              : c.path("delta").path("text").asText(""));
    }
    return text.toString();
  }

  private static JsonNode error(String protocol, String body) throws Exception {
    List<JsonNode> errors = data(body).stream().filter(c -> c.has("error")).toList();
    assertThat(errors).as(body).hasSize(1);
    return errors.get(0).path("error");
  }

  private static List<JsonNode> data(String body) throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String l : body.lines().toList()) {
      if (l.startsWith("data: {")) {
        out.add(JSON.readTree(l.substring(6)));
      }
    }
    return out;
  }
}
