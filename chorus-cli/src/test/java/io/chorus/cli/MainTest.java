package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @TempDir Path dir;

  static final List<String> COMMANDS =
      List.of(
          "ask",
          "section",
          "vote",
          "deliberate",
          "review",
          "run",
          "agents",
          "batch",
          "sim",
          "advise",
          "bench",
          "config",
          "completion");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ask",
        "section",
        "vote",
        "deliberate",
        "review",
        "run",
        "agents",
        "batch",
        "sim",
        "advise",
        "bench",
        "config",
        "completion"
      })
  void everyCommandHasHelpWithExamplesAndExitCodes(String command) {
    CliRun r = CliRun.run(dir, Map.of(), command, "--help");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out)
        .contains("Usage: chorus " + command)
        .contains("Example")
        .contains("Exit codes:")
        .contains("3    configuration error");
    assertThat(r.err).isEmpty();
  }

  @Test
  void rootHelpListsEveryCommand() {
    CliRun r = CliRun.run(dir, Map.of(), "--help");
    assertThat(r.exitCode).isZero();
    for (String c : COMMANDS) {
      assertThat(r.out).contains("  " + c + " ");
    }
  }

  @Test
  void everyCommandTakesJsonQuietVerbose() {
    var cl =
        Main.commandLine(
            new CliContext(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()),
                Map.of(),
                dir,
                dir,
                io.chorus.core.TimeSource.system(),
                false));
    for (String c : COMMANDS) {
      var spec = cl.getSubcommands().get(c).getCommandSpec();
      if (!spec.subcommands().isEmpty()) {
        spec = spec.subcommands().values().iterator().next().getCommandSpec();
      }
      assertThat(spec.findOption("--json")).as(c).isNotNull();
      assertThat(spec.findOption("--quiet")).as(c).isNotNull();
      assertThat(spec.findOption("--verbose")).as(c).isNotNull();
    }
  }

  @Test
  void versionPrintsTheVersion() {
    CliRun r = CliRun.run(dir, Map.of(), "--version");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).startsWith("chorus 0.1.0");
    // the short path prints exactly what picocli's version option does
    java.io.StringWriter picocli = new java.io.StringWriter();
    Main.commandLine(CliContext.system()).printVersionHelp(new java.io.PrintWriter(picocli));
    assertThat(r.out).isEqualTo(picocli.toString());
    assertThat(CliRun.run(dir, Map.of(), "-V").out).isEqualTo(r.out);
  }

  @Test
  void aTypoInACommandGetsASuggestionAndExitCode2() {
    CliRun r = CliRun.run(dir, Map.of(), "aks", "hello");
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err)
        .contains("unknown command 'aks'")
        .contains("Did you mean: ask?")
        .doesNotContain("Exception");
    CliRun b = CliRun.run(dir, Map.of(), "bacth", "x.jsonl");
    assertThat(b.err).contains("batch");
  }

  @Test
  void aTypoInAnOptionGetsASuggestion() {
    CliRun r = CliRun.run(dir, Map.of(), "ask", "--jsn", "hello");
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("unknown option '--jsn'").contains("--json");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun r = CliRun.run(dir, Map.of());
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("Missing a command");
  }

  @Test
  void aMissingInputFileIsOneLineAndExitCode2() {
    CliRun r = CliRun.run(dir, Map.of(), "batch", "nope.jsonl", "--out", "o.jsonl");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err.strip()).isEqualTo("chorus: input file not found: nope.jsonl");
  }

  @Test
  void aMissingConfigFileIsOneLineAndExitCode3() {
    CliRun r = CliRun.run(dir, Map.of(), "config", "show", "--config", "missing.yaml");
    assertThat(r.exitCode).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err.strip())
        .startsWith("chorus: configuration error:")
        .endsWith("missing.yaml: config file not found");
    assertThat(r.err.lines().count()).isEqualTo(1);
  }

  @Test
  void aBadConfigNamesFileLineAndKeyWithoutStackTrace() throws Exception {
    Files.writeString(
        dir.resolve("chorus.yaml"),
        """
        providers:
          anthropic:
            limits:
              rpm: -5
        """);
    CliRun r = CliRun.run(dir, Map.of(), "config", "show");
    assertThat(r.exitCode).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err)
        .contains("chorus.yaml:4:")
        .contains("providers.anthropic.limits")
        .contains("rpm must be positive")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnreadableConfigIsAConfigError() throws Exception {
    Path f = dir.resolve("chorus.yaml");
    Files.writeString(f, "defaults: {model: sim:fast}\n");
    Files.setPosixFilePermissions(f, java.util.Set.of());
    try {
      if (Files.isReadable(f)) {
        return; // running as root: permissions do not apply
      }
      CliRun r = CliRun.run(dir, Map.of(), "config", "show");
      assertThat(r.exitCode).isEqualTo(ExitCodes.CONFIG);
      assertThat(r.err).contains("cannot read config file");
    } finally {
      Files.setPosixFilePermissions(
          f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  @Test
  void aConfigThatIsADirectoryIsUnreadable() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    CliRun r = CliRun.run(dir, Map.of(), "config", "show", "--config", "conf.d");
    assertThat(r.exitCode).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err).contains("conf.d: cannot read config file").doesNotContain("\tat ");
    assertThat(r.err.lines().count()).isEqualTo(1);
  }

  @Test
  void verboseShowsTheStackTraceOfAnInternalError() throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), "defaults: {retries: -1}\n");
    CliRun quiet = CliRun.run(dir, Map.of(), "config", "show");
    assertThat(quiet.err).doesNotContain("\tat ");
    CliRun verbose = CliRun.run(dir, Map.of(), "config", "show", "--verbose");
    assertThat(verbose.exitCode).isEqualTo(ExitCodes.CONFIG);
    assertThat(verbose.err).contains("\tat ");
  }

  @Test
  void completionPrintsABashScript() {
    CliRun r = CliRun.run(dir, Map.of(), "completion");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).contains("complete -F").contains("batch").contains("--resume");
  }

  @Test
  void aCommandMissingItsRequiredArgumentsIsAUsageError() {
    CliRun r = CliRun.run(dir, Map.of(), "review");
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err)
        .contains("review: name the files, folders or globs to review, or give --diff")
        .doesNotContain("Exception");
  }
}
