package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic over the path hosted providers use: {@code chorus sim --tls} runs as a child process
 * (its own JVM, as a user starts it), and {@code chorus ask} and {@code chorus vote} reach it over
 * HTTPS through the Anthropic client with the printed authority trusted by {@code --ca}. Without
 * the trust the run is a provider-unavailable error naming the certificate, never an answer.
 */
class SimOverTlsTest {
  @TempDir static Path dir;
  static Process sim;
  static String base;
  static Path ca;

  @BeforeAll
  static void startSimulatorProcess() throws Exception {
    Files.writeString(
        dir.resolve("fast.sim.yaml"),
        "models:\n  claude-sonnet-4-5: {ttft: 1ms, tokensPerSecond: 100000}\n");
    String java = ProcessHandle.current().info().command().orElse("java");
    sim =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.chorus.cli.Main",
                    "sim",
                    "--tls",
                    "--port",
                    "0",
                    "--ca-out",
                    "sim-ca.pem",
                    "--sim-config",
                    "fast.sim.yaml"))
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
    String listening = out.readLine();
    String caLine = out.readLine();
    assertThat(listening).matches("listening on https://127\\.0\\.0\\.1:\\d+");
    assertThat(caLine).isEqualTo("ca certificate: " + dir.resolve("sim-ca.pem").toRealPath());
    base = listening.substring("listening on ".length());
    ca = dir.resolve("sim-ca.pem");
  }

  @AfterAll
  static void stopSimulatorProcess() throws Exception {
    if (sim != null) {
      sim.destroy(); // SIGTERM: the shutdown hook closes the server
      if (!sim.waitFor(20, TimeUnit.SECONDS)) {
        sim.destroyForcibly();
      }
    }
  }

  static Map<String, String> anthropicAt(String url) {
    Map<String, String> env = new HashMap<>();
    env.put("ANTHROPIC_API_KEY", "sk-ant-tls-0000000000000000");
    env.put("ANTHROPIC_BASE_URL", url);
    return env;
  }

  @Test
  void askAndVoteOverTlsWithTheAuthorityTrustedByCa() throws Exception {
    CliRun ask =
        CliRun.run(
            dir,
            anthropicAt(base + "/anthropic"),
            "ask",
            "What is 2+2?",
            "--model",
            "anthropic:claude-sonnet-4-5",
            "--ca",
            "sim-ca.pem",
            "--json",
            "--no-progress");
    assertThat(ask.exitCode).as(ask.toString()).isZero();
    JsonNode a = new ObjectMapper().readTree(ask.out);
    assertThat(a.path("text").asText()).isNotBlank();
    assertThat(a.path("provider_request_id").asText()).isNotBlank();
    assertThat(ask.out + ask.err).doesNotContain("sk-ant-tls");

    CliRun vote =
        CliRun.run(
            dir,
            anthropicAt(base + "/anthropic"),
            "vote",
            "Is 'WIN A FREE CRUISE' spam?",
            "--options",
            "spam,ham",
            "--model",
            "anthropic:claude-sonnet-4-5",
            "--samples",
            "5",
            "--ca",
            ca.toString(),
            "--no-progress");
    assertThat(vote.exitCode).as(vote.toString()).isIn(ExitCodes.OK, ExitCodes.RUN_FAILED);
    assertThat(vote.out).containsPattern("(?i)spam|ham");
    assertThat(vote.err).doesNotContain("provider unavailable");
  }

  @Test
  void chorusCaFileInTheEnvironmentTrustsItToo() {
    Map<String, String> env = anthropicAt(base + "/anthropic");
    env.put("CHORUS_CA_FILE", "sim-ca.pem");
    CliRun ask =
        CliRun.run(
            dir, env, "ask", "hello", "--model", "anthropic:claude-sonnet-4-5", "--no-progress");
    assertThat(ask.exitCode).as(ask.toString()).isZero();
  }

  @Test
  void withoutTheTrustTheRunIsProviderUnavailableNamingTheCertificate() {
    CliRun ask =
        CliRun.run(
            dir,
            anthropicAt(base + "/anthropic"),
            "ask",
            "hello",
            "--model",
            "anthropic:claude-sonnet-4-5",
            "--no-progress");
    assertThat(ask.exitCode).as(ask.toString()).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
    assertThat(ask.err)
        .contains(
            "the server's TLS certificate is not trusted; trust its authority with ca_file in chorus.yaml,"
                + " --ca FILE or CHORUS_CA_FILE");
    assertThat(ask.out).isBlank();
  }

  @Test
  void aMissingCaFileIsAUsageError() {
    CliRun ask =
        CliRun.run(
            dir,
            anthropicAt(base + "/anthropic"),
            "ask",
            "hello",
            "--model",
            "anthropic:claude-sonnet-4-5",
            "--ca",
            "nowhere.pem");
    assertThat(ask.exitCode).as(ask.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(ask.err).contains("CA certificate file (--ca) not found: nowhere.pem");
  }
}
