package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chorus deliberate} and {@code chorus review} end to end on the simulator, with the shipped
 * scenarios.
 */
class DeliberateAndReviewCommandTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void deliberateReplaysSeed000OnTheSimulatorAndWritesBothReports() throws Exception {
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "deliberate",
            "List 3 benefits of async programming in Python",
            "--model",
            "anthropic:claude-sonnet-4-5",
            "--model",
            "xai:grok-4",
            "--rounds",
            "3",
            "--converge",
            "0.95",
            "--sim-config",
            EXAMPLES.resolve("deliberation/async-benefits.sim.yaml").toString(),
            "--out",
            "plan.md",
            "--json",
            "plan.json",
            "--report",
            "run.html");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).contains("No provider key configured").contains("answers are synthetic");
    assertThat(r.out).contains("Consensus: Full");
    String md = Files.readString(dir.resolve("plan.md"));
    assertThat(md)
        .contains("**Synthetic run.**")
        .contains("## Key Agreements")
        .contains("held by Claude, Grok")
        .doesNotContain("See logs");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("plan.json").toFile());
    assertThat(json.path("consensus").asText()).isEqualTo("full");
    assertThat(json.path("rounds")).hasSize(3);
    assertThat(json.path("correlation_id").asText()).matches("collab_\\d{8}_\\d{6}_[0-9a-f]{4}");
    assertThat(Files.readString(dir.resolve("run.html"))).contains("<svg");
  }

  @Test
  void deliberateNeedsTwoParticipantsAndNamesBadPersonas() {
    CliRun one = CliRun.run(dir, Map.of(), "deliberate", "task", "--model", "sim:fast");
    assertThat(one.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(one.err).contains("at least two participants");
    CliRun persona =
        CliRun.run(
            dir,
            Map.of(),
            "deliberate",
            "task",
            "--model",
            "sim:fast",
            "--model",
            "sim:slow",
            "--persona",
            "Nobody=You are nobody");
    assertThat(persona.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(persona.err).contains("--persona names 'Nobody'").doesNotContain("Exception");
  }

  @Test
  void deliberateWithAParticipantThatFailsForGoodIsDegradedWithAnHonestReport() throws Exception {
    Files.writeString(
        dir.resolve("down.sim.yaml"),
        "faults:\n  - {kind: overloaded, model: claude-sonnet-4-5, rate: 1}\n");
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "deliberate",
            "Name two prime numbers",
            "--model",
            "anthropic:claude-sonnet-4-5",
            "--model",
            "xai:grok-4",
            "--sim-config",
            "down.sim.yaml",
            "--out",
            "plan.md");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.DEGRADED);
    assertThat(r.out).contains("failed with overloaded after 3 attempts");
    assertThat(Files.readString(dir.resolve("plan.md")))
        .contains("Consensus not reached")
        .contains("DEGRADED");
  }

  @Test
  void reviewConfirmsSeed004FindingsAndWritesValidSarifShapeAndFailsOnHigh() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.copy(EXAMPLES.resolve("review/src/login.py"), src.resolve("login.py"));
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "review",
            "src",
            "--threshold",
            "2",
            "--sarif",
            "out.sarif",
            "--out",
            "review.md",
            "--sim-config",
            EXAMPLES.resolve("review/reviewers.sim.yaml").toString(),
            "--fail-on",
            "high");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out).contains("6 confirmed");
    String md = Files.readString(dir.resolve("review.md"));
    assertThat(md)
        .contains("## Confirmed vulnerabilities (6)")
        .contains("`src/login.py:4-5`")
        .contains("Cross-site scripting");
    JsonNode sarif = new ObjectMapper().readTree(dir.resolve("out.sarif").toFile());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/results")).hasSize(6);
    assertThat(
            sarif
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                .asText())
        .isEqualTo("src/login.py");

    CliRun lenient =
        CliRun.run(
            dir,
            Map.of(),
            "review",
            "src",
            "--threshold",
            "3",
            "--quiet",
            "--json",
            "--sim-config",
            EXAMPLES.resolve("review/reviewers.sim.yaml").toString(),
            "--fail-on",
            "critical");
    assertThat(lenient.exitCode).as(lenient.toString()).isEqualTo(ExitCodes.RUN_FAILED);
    JsonNode json = new ObjectMapper().readTree(lenient.out);
    assertThat(json.path("groups")).hasSize(6);
    assertThat(json.path("threshold").asInt()).isEqualTo(3);
  }

  @Test
  void reviewOfAMissingPathIsAOneLineUsageError() {
    CliRun r = CliRun.run(dir, Map.of(), "review", "nope/");
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("no such file or folder: nope/").doesNotContain("at io.chorus");
  }
}
