package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chorus review --diff BASE..HEAD} in a real git repository made by the test: only the
 * chunks holding changed lines are reviewed, and the report names the range.
 */
class ReviewDiffCommandTest {

  @TempDir Path dir;

  private void git(String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.invalid",
                "-c",
                "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void onlyTheChangedChunksAreReviewedAndTheReportNamesTheRange() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      big.append("x").append(i).append(" = ").append(i).append("\n");
    }
    Files.writeString(dir.resolve("big.py"), big);
    Files.writeString(dir.resolve("untouched.py"), "print('hello')\n");
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "base");
    Files.writeString(dir.resolve("big.py"), big.toString().replace("x45 = 45", "x45 = input()"));
    Files.copy(
        DeliberateAndReviewCommandTest.EXAMPLES.resolve("review/src/login.py"),
        dir.resolve("login.py"));
    git("add", ".");
    git("commit", "-q", "-m", "change");
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "review",
            "--diff",
            "main~1..main",
            "--chunk-lines",
            "10",
            "--out",
            "review.md",
            "--sim-config",
            DeliberateAndReviewCommandTest.EXAMPLES
                .resolve("review/reviewers.sim.yaml")
                .toString());
    // the scripted reviewers have no answer for big.py: DEGRADED (exit 5) is what that honestly is
    assertThat(r.exitCode)
        .as(r.toString())
        .isIn(ExitCodes.OK, ExitCodes.RUN_FAILED, ExitCodes.DEGRADED);
    assertThat(r.out).contains("changed lines of main~1..main");
    String md = Files.readString(dir.resolve("review.md"));
    // big.py: the one chunk holding line 45 of its six; login.py (new): its four chunks
    assertThat(md).contains("Reviewed: the changed lines of main~1..main (2 file(s), 5 chunk(s)");
    assertThat(md).contains("login.py").doesNotContain("untouched.py");

    CliRun none = CliRun.run(dir, Map.of(), "review", "--diff", "main..main");
    assertThat(none.exitCode).as(none.toString()).isZero();
    assertThat(none.out).contains("No changed lines to review in main..main.");

    CliRun bad = CliRun.run(dir, Map.of(), "review", "--diff", "nosuchbranch..main");
    assertThat(bad.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err).contains("--diff nosuchbranch..main: git diff failed:");
  }
}
