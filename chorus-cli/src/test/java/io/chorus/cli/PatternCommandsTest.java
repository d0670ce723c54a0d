package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternCommandsTest {

  @TempDir Path dir;

  private Path example(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/examples/" + name)) {
      assertThat(in).as("example %s on the class path", name).isNotNull();
      Path p = dir.resolve(name);
      Files.write(p, in.readAllBytes());
      return p;
    }
  }

  @Test
  void voteWithSamplesOnTheSimulator() throws Exception {
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "vote",
            "Is 'WIN A FREE CRUISE' spam?",
            "--options",
            "spam,ham",
            "--model",
            "sim:instant",
            "--samples",
            "5",
            "--json",
            "--report",
            "vote.json");
    assertThat(r.exitCode).as(r.toString()).isZero();
    var tree = new ObjectMapper().readTree(r.out);
    assertThat(tree.toString()).contains("spam");
    assertThat(r.err).contains("answers are synthetic");
    var report = new ObjectMapper().readTree(dir.resolve("vote.json").toFile());
    assertThat(report.path("summary").path("calls").asInt()).isEqualTo(5);
    assertThat(report.path("synthetic").asBoolean()).isTrue();
  }

  @Test
  void voteWithAVotersFileWritesMarkdown() throws Exception {
    example("moderation.voters.yaml");
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "vote",
            "--voters",
            "moderation.voters.yaml",
            "--out",
            "mod.md",
            "--quiet");
    assertThat(r.exitCode).as(r.toString()).isIn(ExitCodes.OK, ExitCodes.RUN_FAILED);
    assertThat(Files.readString(dir.resolve("mod.md")))
        .contains("Vote")
        .contains("strict_moderator");
  }

  @Test
  void sectionRunsASpecOverAnInput() throws Exception {
    example("document-analysis.sections.yaml");
    Files.writeString(dir.resolve("doc.txt"), "Revenue grew 12% while costs fell.");
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "section",
            "--spec",
            "document-analysis.sections.yaml",
            "--input",
            "doc.txt",
            "--quiet");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).contains("## Summary").contains("Synthetic");
  }

  @Test
  void aBadSpecNamesFileAndLine() throws Exception {
    Files.writeString(
        dir.resolve("bad.yaml"),
        "kind: vote\nmodel: sim:fast\nvoters:\n  - name: a\n    temperature: hot\n");
    CliRun r = CliRun.run(dir, Map.of(), "run", "bad.yaml");
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("bad.yaml:5").doesNotContain("\tat ");
  }

  @Test
  void sectionNeedsAnExistingSpec() {
    CliRun r = CliRun.run(dir, Map.of(), "section", "--spec", "nope.yaml");
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err.strip()).isEqualTo("chorus: spec file not found: nope.yaml");
  }
}
