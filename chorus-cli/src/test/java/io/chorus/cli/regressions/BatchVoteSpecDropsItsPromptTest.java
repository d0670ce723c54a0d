package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "{@code batch --workflow SPEC} with a vote spec drops the spec's prompt template (only the JSONL
 * {@code input} reaches the model); and a vote without consensus is recorded as a failed item with
 * the simulator's banner text as its error."
 */
class BatchVoteSpecDropsItsPromptTest {
  @TempDir Path dir;

  @Test
  void theTemplateReachesTheVotersAndNoConsensusIsAResult() throws Exception {
    Files.writeString(
        dir.resolve("vote.yaml"),
        """
        kind: vote
        model: sim:fast
        options: [spam, ham]
        aggregator: threshold
        threshold: 0.9
        prompt: "Classify this message as spam or ham: {{input}}"
        voters:
          - {name: a, system: "You are reviewer A."}
          - {name: b, system: "You are reviewer B."}
        """);
    Files.writeString(
        dir.resolve("s.sim.yaml"),
        """
        rules:
          - match: {userContains: "Classify this message as spam or ham: WIN A CRUISE"}
            text: "DECISION: spam"
          - match: {systemContains: "reviewer A", userContains: "Classify this message as spam or ham: lunch"}
            text: "DECISION: spam"
          - match: {systemContains: "reviewer B", userContains: "Classify this message as spam or ham: lunch"}
            text: "DECISION: ham"
        """);
    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"custom_id": "1", "input": "WIN A CRUISE"}
        {"custom_id": "2", "input": "lunch at noon?"}
        """);
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--workflow",
            "vote.yaml",
            "--sim-config",
            "s.sim.yaml",
            "--no-progress");
    Path dead = dir.resolve("out.dead.jsonl");
    assertThat(r.exitCode).as(r + (Files.exists(dead) ? Files.readString(dead) : "")).isZero();
    String out = Files.readString(dir.resolve("out.jsonl"));
    assertThat(out.lines()).hasSize(2);
    // lines come in the order items finished
    String first =
        out.lines().filter(l -> l.contains("\"custom_id\":\"1\"")).findFirst().orElseThrow();
    String second =
        out.lines().filter(l -> l.contains("\"custom_id\":\"2\"")).findFirst().orElseThrow();
    assertThat(first).contains("\"text\":\"spam\"").contains("\"consensus\":true");
    assertThat(second).contains("\"consensus\":false").doesNotContain("Synthetic");
  }
}
