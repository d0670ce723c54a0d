package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "An empty prompt or empty vote question is a usage error": exit 2 with one line, nothing sent.
 */
class EmptyQuestionIsAUsageErrorTest {
  @TempDir Path dir;

  @Test
  void emptyPromptQuestionAndTaskAreUsageErrors() {
    CliRun ask = CliRun.run(dir, Map.of(), "ask", "  ", "--model", "sim:fast");
    assertThat(ask.exitCode).as(ask.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(ask.err).contains("chorus: the prompt is empty");
    CliRun vote = CliRun.run(dir, Map.of(), "vote", "", "--options", "a,b", "--model", "sim:fast");
    assertThat(vote.exitCode).as(vote.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(vote.err).contains("chorus: the vote question is empty");
    assertThat(vote.out).isBlank();
    CliRun task =
        CliRun.run(dir, Map.of(), "deliberate", " ", "--model", "sim:a", "--model", "sim:b");
    assertThat(task.exitCode).as(task.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(task.err).contains("chorus: the task is empty");
  }
}
