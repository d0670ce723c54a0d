package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "{@code chorus review FILE --fail-on high} where every reviewer failed (unreadable answers) exits
 * 0 with an empty SARIF, {@code "synthetic": false} and no banner: a CI gate would show a clean
 * file." A review of a file of the user's own, with no scenario: the simulator's default answers
 * are no findings JSON, so every reviewer fails.
 */
class ReviewWithEveryReviewerFailedIsNotCleanTest {
  @TempDir Path dir;

  @Test
  void everyReportSaysDegradedAndSyntheticAndTheExitCodeIsNotZero() throws Exception {
    Files.writeString(
        dir.resolve("app.py"), "import os\ndef run(cmd):\n    os.system('ls ' + cmd)\n");
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "review",
            "app.py",
            "--fail-on",
            "high",
            "--sarif",
            "out.sarif",
            "--out",
            "review.md",
            "--json",
            "review.json",
            "--report",
            "run.md");

    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.DEGRADED);
    assertThat(r.out).startsWith("DEGRADED: ").contains("5 of 5 reviewer(s) failed");
    assertThat(r.err).contains("chorus: DEGRADED: 5 of 5 reviewers failed");

    String md = Files.readString(dir.resolve("review.md"));
    assertThat(md.lines().skip(2).findFirst().orElseThrow())
        .startsWith("> **DEGRADED:** 5 of 5 reviewers failed")
        .contains("security-injection: invalid_output");
    assertThat(md).contains("**Synthetic run.**");

    JsonNode json = new ObjectMapper().readTree(dir.resolve("review.json").toFile());
    assertThat(json.path("degraded").asBoolean()).isTrue();
    assertThat(json.path("answered").asInt()).isZero();
    assertThat(json.path("synthetic").asBoolean()).isTrue();
    assertThat(json.path("synthetic_reviewers")).hasSize(5);
    assertThat(json.path("reviewers").get(0).path("synthetic").asBoolean()).isTrue();

    JsonNode sarif = new ObjectMapper().readTree(dir.resolve("out.sarif").toFile());
    JsonNode inv = sarif.at("/runs/0/invocations/0");
    assertThat(inv.path("executionSuccessful").asBoolean(true)).isFalse();
    assertThat(inv.path("toolExecutionNotifications")).hasSize(5);
    assertThat(inv.at("/toolExecutionNotifications/0/message/text").asText())
        .contains("security-injection")
        .contains("invalid_output");

    assertThat(Files.readString(dir.resolve("run.md")))
        .contains("> **Synthetic:** answers of anthropic:claude-sonnet-4-5");
  }

  @Test
  void withoutFailOnADegradedReviewBelowTheThresholdStillFails() throws Exception {
    Files.writeString(dir.resolve("app.py"), "print('hello')\n");
    CliRun r = CliRun.run(dir, Map.of(), "review", "app.py", "--quiet", "--json");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.DEGRADED);
    assertThat(new ObjectMapper().readTree(r.out).path("degraded").asBoolean()).isTrue();
  }
}
