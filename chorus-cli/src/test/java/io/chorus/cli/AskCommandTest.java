package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.config.ConfiguredEngine;
import io.chorus.sim.Simulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskCommandTest {

  @TempDir Path dir;

  @Test
  void askStreamsFromTheSimulatorAndSaysSo() {
    CliRun r = CliRun.run(dir, Map.of(), "ask", "hello", "there", "--model", "sim:instant");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out.strip()).isNotEmpty();
    assertThat(r.err).startsWith(ConfiguredEngine.NO_KEY_NOTICE);
    // with a key for a real provider, asking a sim: model names the simulator instead
    CliRun k =
        CliRun.run(
            dir,
            Map.of("ANTHROPIC_API_KEY", "sk-unused"),
            "ask",
            "hello",
            "--model",
            "sim:instant");
    assertThat(k.err)
        .startsWith("Using the built-in simulator for sim:instant \u2014 answers are synthetic.");
  }

  @Test
  void askWithNoModelAndNoKeyUsesTheSimulator() {
    CliRun r = CliRun.run(dir, Map.of(), "ask", "hello");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).startsWith(ConfiguredEngine.NO_KEY_NOTICE);
    assertThat(r.out.strip()).isNotEmpty();
  }

  @Test
  void askWithoutAKeyFallsBackToTheSimulatorWithTheNotice() throws Exception {
    CliRun r =
        CliRun.run(
            dir, Map.of(), "ask", "hello", "--model", "anthropic:claude-sonnet-4-5", "--json");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).contains(ConfiguredEngine.NO_KEY_NOTICE);
    JsonNode n = new ObjectMapper().readTree(r.out);
    assertThat(n.path("synthetic").asBoolean()).isTrue();
    assertThat(n.path("model").asText()).isEqualTo("anthropic:claude-sonnet-4-5");
    assertThat(n.path("notice").asText()).isEqualTo(ConfiguredEngine.NO_KEY_NOTICE);
  }

  @Test
  void askJsonAgainstARunningSimulatorThroughTheAnthropicClient() throws Exception {
    try (Simulator sim = Simulator.builder().port(0).start()) {
      CliRun r =
          CliRun.run(
              dir,
              Map.of("ANTHROPIC_API_KEY", "sk-test-key", "ANTHROPIC_BASE_URL", sim.baseUrl()),
              "ask",
              "What is 2+2?",
              "--model",
              "anthropic:claude-haiku-4-5",
              "--json",
              "--metrics");
      assertThat(r.exitCode).as(r.toString()).isZero();
      JsonNode n = new ObjectMapper().readTree(r.out);
      assertThat(n.path("text").asText()).isNotBlank();
      assertThat(n.path("provider_request_id").asText()).isNotBlank();
      assertThat(n.path("usage").path("output_tokens").asLong()).isPositive();
      assertThat(n.path("latency_ms").isNumber()).isTrue();
      assertThat(n.path("time_to_first_token_ms").isNumber()).isTrue();
      assertThat(n.has("notice")).isFalse();
      assertThat(sim.stats().totals().requests()).isEqualTo(1);
      // --metrics prints the Micrometer meters on stderr
      assertThat(r.err)
          .contains("chorus.calls{model=anthropic:claude-haiku-4-5,outcome=success} 1")
          .contains("chorus.call.latency")
          .contains("p99=");
      assertThat(r.out + r.err).doesNotContain("sk-test-key");
    }
  }

  @Test
  void anUnreachableProviderIsExitCode4WithoutStackTraceOrKey() {
    CliRun r =
        CliRun.run(
            dir,
            Map.of(
                "OPENAI_API_KEY",
                "sk-unreachable-key",
                "OPENAI_BASE_URL",
                "http://127.0.0.1:1/v1",
                "CHORUS_RETRIES",
                "0"),
            "ask",
            "hi",
            "--model",
            "openai:gpt-4o-mini");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
    assertThat(r.err)
        .contains("connection_failed")
        .doesNotContain("\tat ")
        .doesNotContain("sk-unreachable-key");
  }

  @Test
  void anUnknownProviderIsAUsageError() {
    CliRun r = CliRun.run(dir, Map.of(), "ask", "hi", "--model", "nosuch:model");
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("unknown provider 'nosuch'");
    CliRun m = CliRun.run(dir, Map.of(), "ask", "hi", "--model", "gpt4");
    assertThat(m.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(m.err).contains("provider:model");
  }
}
