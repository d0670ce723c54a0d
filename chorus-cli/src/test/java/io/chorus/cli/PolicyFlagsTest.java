package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.sim.SimConfig;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's policies reached from the command line, each by its chorus.yaml key and by its flag,
 * against a simulator the test starts (so that it can count the requests that really went out).
 */
class PolicyFlagsTest {

  @TempDir Path dir;
  Simulator sim;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    Path scenario = dir.resolve("sim.yaml");
    Files.writeString(
        scenario,
        """
        models:
          broken: {base: fast}
          slow: {base: fast, ttft: 1500ms}
        faults:
          - {kind: server_error, model: broken, rate: 1.0}
        """);
    sim = Simulator.builder().config(SimConfig.load(scenario)).port(0).start();
    env = new HashMap<>(Map.of("CHORUS_SIM_URL", sim.baseUrl()));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  CliRun chorus(String... args) {
    return CliRun.run(dir, env, args);
  }

  void config(String yaml) throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), yaml);
  }

  long requests() {
    return sim.stats().totals().requests();
  }

  @Test
  void aModelsFallbackInChorusYamlAnswersWhenItFails() throws Exception {
    config(
        """
        defaults: {retries: 0}
        models:
          "sim:broken": {fallback: [sim:fast]}
        """);
    CliRun r = chorus("ask", "-m", "sim:broken", "--no-stream", "--json", "hello");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).contains("\"model\":\"sim:fast\"");
    assertThat(requests()).isEqualTo(2); // the primary failed once, the fallback answered
  }

  @Test
  void fallbackFlagAnswersWhenThePrimaryFails() throws Exception {
    config("defaults: {retries: 0}\n");
    CliRun failed = chorus("ask", "-m", "sim:broken", "--no-stream", "hello");
    assertThat(failed.exitCode).as(failed.toString()).isNotZero();
    CliRun r =
        chorus(
            "ask", "-m", "sim:broken", "--no-stream", "--json", "--fallback", "sim:fast", "hello");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).contains("\"model\":\"sim:fast\"");
    CliRun bad = chorus("ask", "-m", "sim:broken", "--fallback", "nonsense", "hello");
    assertThat(bad.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err).contains("--fallback: 'nonsense' is not a model");
  }

  @Test
  void hedgeFlagSendsASecondAttemptWhenTheFirstIsSlow() throws Exception {
    CliRun r = chorus("ask", "-m", "sim:slow", "--no-stream", "--hedge", "200ms", "hello");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(requests()).isEqualTo(2);
    CliRun bad = chorus("ask", "-m", "sim:slow", "--hedge", "soon", "hello");
    assertThat(bad.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err).contains("--hedge: 'soon' is not a hedge");
  }

  @Test
  void aModelsHedgeInChorusYamlSendsASecondAttempt() throws Exception {
    config("models:\n  \"sim:slow\": {hedge: 200ms}\n");
    CliRun r = chorus("ask", "-m", "sim:slow", "--no-stream", "hello");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(requests()).isEqualTo(2);
  }

  @Test
  void theBreakerInChorusYamlOpensAndStopsCallingTheProvider() throws Exception {
    config(
        """
        defaults:
          retries: 0
          concurrency: 1
          timeouts: {call: 5s}
          circuit_breaker: {window: 2, minimum_calls: 2, open_for: 1m}
        """);
    CliRun r =
        chorus(
            "vote", "-m", "sim:broken", "--samples", "5", "--options", "a,b", "--json", "Pick one");
    assertThat(r.exitCode).as(r.toString()).isNotZero();
    assertThat(requests())
        .isEqualTo(2); // opened after two failures; the other three were refused unsent
    assertThat(r.out + r.err).contains("circuit");
  }

  @Test
  void baseUrlFlagPointsAProviderElsewhere() throws Exception {
    try (Simulator other = Simulator.builder().port(0).start()) {
      env.remove("CHORUS_SIM_URL");
      CliRun r =
          chorus(
              "ask",
              "-m",
              "sim:fast",
              "--no-stream",
              "--base-url",
              "sim=" + other.baseUrl(),
              "hello");
      assertThat(r.exitCode).as(r.toString()).isZero();
      assertThat(other.stats().totals().requests()).isEqualTo(1);
      env.put("OPENAI_API_KEY", "sk-test-not-real");
      CliRun openai =
          chorus(
              "ask",
              "-m",
              "openai:gpt-4o-mini",
              "--no-stream",
              "--json",
              "--base-url",
              "openai=" + other.baseUrl("openai") + "/v1",
              "hello");
      assertThat(openai.exitCode).as(openai.toString()).isZero();
      assertThat(other.stats().totals().requests()).isEqualTo(2);
    }
    CliRun bad = chorus("ask", "--base-url", "http://user:secret@127.0.0.1:1", "hello");
    assertThat(bad.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err).contains("write PROVIDER=URL").doesNotContain("secret");
  }

  @Test
  void sectionPolicyFlagOverridesTheSpecs() throws Exception {
    config("defaults: {retries: 0}\n");
    Files.writeString(
        dir.resolve("s.yaml"),
        """
        kind: sections
        name: two
        model: sim:fast
        policy: ignore
        merge: headings
        input: some text
        sections:
          - {name: Good, prompt: "Summarize {{input}}"}
          - {name: Bad, prompt: "Summarize {{input}}", model: sim:broken}
        """);
    CliRun ignore = chorus("section", "--spec", "s.yaml", "--quiet");
    CliRun failFast = chorus("section", "--spec", "s.yaml", "--policy", "require-all", "--quiet");
    assertThat(failFast.exitCode).as(failFast.toString()).isNotEqualTo(ignore.exitCode);
    CliRun bad = chorus("section", "--spec", "s.yaml", "--policy", "sometimes");
    assertThat(bad.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err).contains("--policy");
  }

  @Test
  void aPromptOverTheModelsContextWindowFailsBeforeAnythingIsSent() throws Exception {
    config("models:\n  \"sim:fast\": {context_window: 100}\n");
    CliRun r = chorus("ask", "-m", "sim:fast", "--no-stream", "word ".repeat(500));
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err)
        .contains("context_too_long")
        .contains("context window of 100 tokens")
        .contains("not sent");
    assertThat(requests()).isZero();
    CliRun show = chorus("config", "show");
    assertThat(show.out).contains("context_window: 100");
  }
}
