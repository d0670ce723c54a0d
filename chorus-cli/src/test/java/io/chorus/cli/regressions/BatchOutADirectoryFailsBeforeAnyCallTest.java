package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "--out naming a directory (…) fails (…) after paying for everything." It is now a usage error
 * before the journal is opened or any call is made, and nothing is left behind.
 */
class BatchOutADirectoryFailsBeforeAnyCallTest {

  @TempDir Path dir;

  @Test
  void outIsADirectory() throws Exception {
    Files.writeString(dir.resolve("in.jsonl"), "{\"custom_id\": \"a\", \"prompt\": \"one\"}\n");
    Files.createDirectory(dir.resolve("results"));
    CliRun r =
        CliRun.run(
            dir, Map.of(), "batch", "in.jsonl", "--out", "results", "--model", "sim:instant");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("--out results is a directory");
    assertThat(Files.exists(dir.resolve(".chorus/batch.db")))
        .as("no journal opened, no call made")
        .isFalse();
    try (var files = Files.list(dir.resolve("results"))) {
      assertThat(files).isEmpty();
    }
  }
}
