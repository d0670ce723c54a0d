package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chorus serve --help} (no such command then) printed the top-level help and exited 0: an
 * unknown command followed by {@code --help} must say {@code unknown command} and exit 2, like an
 * unknown command alone.
 */
class UnknownCommandWithHelpExitsZeroTest {

  @TempDir Path dir;

  @Test
  void anUnknownCommandFollowedByHelpIsAUsageError() {
    CliRun r = CliRun.run(dir, Map.of(), "frobnicate", "--help");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("unknown command 'frobnicate'");
    assertThat(r.out).doesNotContain("Usage: chorus");
  }

  @Test
  void knownCommandsAndTopLevelHelpStillWork() {
    assertThat(CliRun.run(dir, Map.of(), "--help").exitCode).isZero();
    assertThat(CliRun.run(dir, Map.of(), "ask", "--help").exitCode).isZero();
  }
}
