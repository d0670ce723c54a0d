package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "{@code ask --report x.pdf} makes the paid call before rejecting the extension." Every command's
 * outputs ({@code --report}, {@code --out}, {@code --sarif}, {@code --json FILE}, {@code
 * --log-file}) are checked before it runs: a usage error (exit 2) and not one request reaches the
 * simulator.
 */
class OutputPathsAreCheckedBeforeTheFirstCallTest {
  @TempDir Path dir;
  Simulator sim;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.builder().start();
    env = Map.of("CHORUS_SIM_URL", sim.baseUrl());
    Files.writeString(dir.resolve("afile"), "not a folder");
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/a.py"), "print(1)\n");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  void refusedWithoutACall(String expected, String... args) {
    CliRun r = CliRun.run(dir, env, args);
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).as(r.toString()).contains(expected);
    assertThat(r.out).as(r.toString()).isBlank();
    assertThat(sim.stats().totals().requests()).as("requests made before the refusal").isZero();
  }

  @Test
  void aReportInAFormatNobodyWritesIsRefusedBeforeTheCall() {
    refusedWithoutACall(
        "report x.pdf: use a file ending in .html, .json or .md",
        "ask",
        "hi",
        "--model",
        "sim:fast",
        "--report",
        "x.pdf");
  }

  @Test
  void outputsUnderAFileOrOntoAFolderAreRefusedInEveryCommand() {
    refusedWithoutACall(
        "--out afile/tally.md: cannot create it",
        "vote",
        "Spam?",
        "--options",
        "spam,ham",
        "--model",
        "sim:fast",
        "--samples",
        "3",
        "--out",
        "afile/tally.md");
    refusedWithoutACall(
        "--out src is a directory; give a file name",
        "deliberate",
        "task",
        "--model",
        "sim:a",
        "--model",
        "sim:b",
        "--out",
        "src");
    refusedWithoutACall(
        "--sarif afile/x.sarif: cannot create it",
        "review",
        "src",
        "--model",
        "sim:fast",
        "--sarif",
        "afile/x.sarif");
    refusedWithoutACall(
        "--json afile/x.json: cannot create it",
        "ask",
        "hi",
        "--model",
        "sim:fast",
        "--json",
        "afile/x.json");
    refusedWithoutACall(
        "--log-file afile/chorus.log: cannot create it",
        "ask",
        "hi",
        "--model",
        "sim:fast",
        "--log-file",
        "afile/chorus.log");
  }

  @Test
  void goodOutputsInFoldersThatDoNotExistYetAreFine() {
    CliRun r =
        CliRun.run(
            dir,
            env,
            "ask",
            "hi",
            "--model",
            "sim:fast",
            "--quiet",
            "--report",
            "new/dir/run.html");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(dir.resolve("new/dir/run.html")).exists();
  }
}
