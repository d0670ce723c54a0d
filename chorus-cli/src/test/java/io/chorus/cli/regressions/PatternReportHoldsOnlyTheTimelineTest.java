package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report vote.html} held only the call timeline: the report of a pattern run now shows the
 * pattern's result (a vote's tally and winner, a deliberation's consensus and participants) above
 * the calls, in HTML, Markdown and JSON alike.
 */
class PatternReportHoldsOnlyTheTimelineTest {

  @TempDir Path dir;

  @Test
  void aVoteReportShowsTheTallyAboveTheTimeline() throws Exception {
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "vote",
            "Is the sky blue?",
            "--options",
            "yes,no",
            "--samples",
            "3",
            "--report",
            "vote.html",
            "--quiet");
    assertThat(r.exitCode).as(r.toString()).isIn(0, 1);
    String html = Files.readString(dir.resolve("vote.html"));
    int result = html.indexOf("<section id=\"result\">");
    assertThat(result).isPositive();
    assertThat(html.indexOf("<svg")).isGreaterThan(result);
    assertThat(html.substring(result, html.indexOf("</section>", result)))
        .containsIgnoringCase("yes");

    CliRun md =
        CliRun.run(
            dir,
            Map.of(),
            "vote",
            "Is the sky blue?",
            "--options",
            "yes,no",
            "--samples",
            "3",
            "--report",
            "vote.md",
            "--quiet");
    assertThat(md.exitCode).isIn(0, 1);
    String text = Files.readString(dir.resolve("vote.md"));
    assertThat(text.indexOf("## Result")).isPositive().isLessThan(text.indexOf("## Calls"));
    assertThat(text.indexOf("| Measure | Value |")).isGreaterThan(text.indexOf("## Calls"));

    CliRun json =
        CliRun.run(
            dir,
            Map.of(),
            "vote",
            "Is the sky blue?",
            "--options",
            "yes,no",
            "--samples",
            "3",
            "--report",
            "vote.json",
            "--quiet");
    assertThat(json.exitCode).isIn(0, 1);
    JsonNode tree = new ObjectMapper().readTree(dir.resolve("vote.json").toFile());
    assertThat(tree.has("result")).isTrue();
    assertThat(tree.get("result").toString()).contains("yes");
    assertThat(tree.has("calls") || tree.has("summary")).isTrue();
  }

  @Test
  void aDeliberationReportShowsTheConsensusAndWhoTookPart() throws Exception {
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "deliberate",
            "Should a small team adopt a monorepo?",
            "--rounds",
            "1",
            "--claims",
            "heuristic",
            "--report",
            "run.md",
            "--out",
            "plan.md");
    assertThat(r.exitCode).as(r.toString()).isIn(0, 1, 5);
    // no --model: two simulated participants, said on the terminal and in every report
    assertThat(r.err)
        .contains("No --model given: the participants are sim:fast and sim:instant (simulated");
    String run = Files.readString(dir.resolve("run.md"));
    assertThat(run).contains("## Result").contains("Consensus").contains("`sim:fast` (simulated)");
    assertThat(run.indexOf("## Result")).isLessThan(run.indexOf("## Calls"));
    assertThat(Files.readString(dir.resolve("plan.md")))
        .contains("— `sim:fast` (simulated)")
        .contains("— `sim:instant` (simulated)");
  }
}
