package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: "YAML 1.1 booleans turn vote options {@code [yes, no]} into {@code true/false}". User
 * YAML is read with YAML 1.2's booleans: {@code yes}/{@code no} stay strings.
 */
class YamlBooleansTurnVoteOptionsIntoTrueFalseTest {
  @TempDir Path dir;

  @Test
  void voteOptionsYesAndNoStayYesAndNo() throws Exception {
    Files.writeString(
        dir.resolve("v.yaml"),
        """
        kind: vote
        name: yes-no
        model: sim:instant
        options: [yes, no]
        samples: {count: 3, temperature: 0.8}
        prompt: Is the sky blue?
        """);
    CliRun r = CliRun.run(dir, Map.of(), "vote", "--voters", "v.yaml", "--json");
    assertThat(r.out + r.err)
        .as(r.toString())
        .doesNotContain("\"true\"")
        .doesNotContain("\"false\"");
    assertThat(r.out).as(r.toString()).contains("\"yes\"");
  }
}
