package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Deliberation exit codes: {@code Consensus: None} exits 0 while chorus-cli/README.md documents
 * 1." One test per documented code: 0 (Full), 1 (None), 5 (a participant failed), 4 (every provider
 * unavailable).
 */
class DeliberationExitCodesDisagreeWithTheReadmeTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  @TempDir Path dir;

  CliRun deliberate(String scenario, String... more) throws Exception {
    Files.writeString(dir.resolve("s.sim.yaml"), scenario);
    String[] base = {
      "deliberate",
      "List 3 benefits of async programming in Python",
      "--model",
      "anthropic:claude-sonnet-4-5",
      "--model",
      "xai:grok-4",
      "--rounds",
      "1",
      "--claims",
      "heuristic",
      "--sim-config",
      "s.sim.yaml",
      "--out",
      "plan.md",
      "--no-progress"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.run(dir, Map.of(), args);
  }

  @Test
  void fullConsensusExitsZero() {
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
            "plan.md");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void consensusNoneExitsOne() throws Exception {
    CliRun r =
        deliberate(
            """
        rules:
          - match: {model: claude-sonnet-4-5}
            text: "Tomatoes need six hours of direct sunlight and well-drained soil to ripen."
          - match: {model: grok-4}
            text: "The Treaty of Westphalia ended the Thirty Years' War in 1648 in central Europe."
        """);
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.out).contains("Consensus: None");
  }

  @Test
  void aFailedParticipantIsDegradedAndExitsFive() throws Exception {
    CliRun r = deliberate("faults:\n  - {kind: overloaded, model: claude-sonnet-4-5, rate: 1}\n");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.DEGRADED);
    assertThat(r.err).contains("chorus: DEGRADED: ").contains("overloaded");
  }

  @Test
  void everyProviderUnavailableExitsFour() throws Exception {
    CliRun r = deliberate("faults:\n  - {kind: quota_exhausted, rate: 1}\n");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
  }
}
