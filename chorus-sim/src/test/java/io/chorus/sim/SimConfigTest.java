package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimConfigTest {
  static final String FULL =
      """
      seed: 7
      requireApiKey: false
      stallLimit: 30s
      models:
        judge:
          base: instant
          ttft: {lognormal: {p50: 1ms, p99: 3ms}}
          tokensPerSecond: 0
          rateLimits: {requestsPerMinute: 2}
          faults:
            - {kind: overloaded, onRequests: [2]}
        tiny:
          ttft: 0ms
          tokensPerSecond: {uniform: [0, 0]}
      keys:
        sk-small: {rateLimits: {requestsPerMinute: 1}}
      faults:
        - {kind: server_error, model: nobody, rate: 0.5, retryAfter: 2s, shouldRetry: true}
      rules:
        - match: {userContains: "capital of France"}
          text: "Paris."
        - match: {model: judge, userRegex: "choose exactly one"}
          vote: {correct: b, options: [a, b, c], accuracy: 1.0, format: json}
      """;

  @Test
  void aFullConfigConfiguresTheSimulator(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sim.yaml");
    Files.writeString(file, FULL);
    SimConfig c = SimConfig.load(file);
    assertThat(c.seed()).isEqualTo(7);
    try (Simulator sim = Simulator.builder().config(c).start()) {
      assertThat(sim.seed()).isEqualTo(7);
      String paris =
          Wire.json(
                  Wire.anthropic(
                      sim,
                      "k",
                      Wire.anthropicBody("tiny", "What is the capital of France?", 20, false)))
              .path("content")
              .path(0)
              .path("text")
              .asText();
      assertThat(paris).isEqualTo("Paris.");
      var vote =
          Wire.json(
              Wire.openai(
                  sim, "k", Wire.openAiBody("judge", "You must choose exactly one", false)));
      assertThat(vote.path("choices").path(0).path("message").path("content").asText())
          .contains("\"decision\": \"b\"");
      assertThat(Wire.openai(sim, "k", Wire.openAiBody("judge", "x", false)).statusCode())
          .isEqualTo(529); // 2nd request
      // injected faults do not use the bucket: the 3rd request is the 2nd admitted, the 4th exceeds
      // 2 rpm
      assertThat(Wire.openai(sim, "k", Wire.openAiBody("judge", "y", false)).statusCode())
          .isEqualTo(200);
      assertThat(Wire.openai(sim, "k", Wire.openAiBody("judge", "z", false)).statusCode())
          .isEqualTo(429);
      assertThat(Wire.openai(sim, "sk-small", Wire.openAiBody("tiny", "y", false)).statusCode())
          .isEqualTo(200);
      assertThat(Wire.openai(sim, "sk-small", Wire.openAiBody("tiny", "y", false)).statusCode())
          .isEqualTo(429);
    }
  }

  @Test
  void unknownKeysAreNamedWithFileAndLine() {
    String yaml =
        """
        seed: 1
        models:
          fast:
            ttfft: 20ms
        """;
    assertThatThrownBy(() -> SimConfig.parse(yaml, "sim.yaml"))
        .hasMessageStartingWith("sim.yaml:4: models.fast.ttfft: unknown key 'ttfft'")
        .hasMessageContaining("ttft");
    assertThatThrownBy(() -> SimConfig.parse("sed: 1\n", "sim.yaml"))
        .hasMessageStartingWith("sim.yaml:1: sed: unknown key");
  }

  @Test
  void badValuesAreNamedWithFileLineAndKey() {
    assertThatThrownBy(() -> SimConfig.parse("models:\n  m:\n    ttft: soon\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml:3: models.m.ttft:");
    assertThatThrownBy(() -> SimConfig.parse("faults:\n  - {kind: explode, rate: 1}\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml:2: faults[0]")
        .hasMessageContaining("unknown fault kind 'explode'");
    assertThatThrownBy(() -> SimConfig.parse("faults:\n  - {kind: stall, rate: 2}\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml:2: faults[0]")
        .hasMessageContaining("rate must be in [0, 1]");
    assertThatThrownBy(() -> SimConfig.parse("rules:\n  - match: {userContains: x}\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml:2: rules[0]")
        .hasMessageContaining("text or vote");
    assertThatThrownBy(
            () ->
                SimConfig.parse("rules:\n  - text: hi\n    match: {userRegex: \"(\"}\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml:3: rules[0].match.userRegex");
    assertThatThrownBy(() -> SimConfig.parse("seed: many\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml:1: seed: expected an integer");
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() {
    assertThatThrownBy(() -> SimConfig.parse("seed: 1\nmodels:\n  fast: [1, 2\n", "sim.yaml"))
        .hasMessageMatching("(?s)sim\\.yaml:\\d+:\\d+: YAML syntax error.*");
    assertThatThrownBy(() -> SimConfig.parse("seed: 1\nseed: 2\n", "sim.yaml"))
        .hasMessageContaining("sim.yaml:2: duplicate key 'seed'");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> SimConfig.load(dir.resolve("nope.yaml")))
        .hasMessageContaining("nope.yaml: simulator config file not found");
  }
}
