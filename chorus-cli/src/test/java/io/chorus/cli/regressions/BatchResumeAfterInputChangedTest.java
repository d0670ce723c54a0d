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
 * "{@code --resume} after the input changed produced a duplicate id, a missing item and a stale
 * answer, exit 0." From the command line: the resume is refused with exit 2 naming the ids, and
 * {@code --rerun-changed} runs exactly the changed and new items; moving the files elsewhere
 * resumes the same batch (the batch id no longer hashes paths).
 */
class BatchResumeAfterInputChangedTest {

  @TempDir Path dir;

  @Test
  void refusedWithTheIdsThenRerunChanged() throws Exception {
    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"custom_id": "a", "prompt": "one"}
        {"custom_id": "b", "prompt": "two"}
        """);
    CliRun first =
        CliRun.run(
            dir, Map.of(), "batch", "in.jsonl", "--out", "out.jsonl", "--model", "sim:instant");
    assertThat(first.exitCode).as(first.toString()).isZero();

    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"custom_id": "a", "prompt": "one, changed"}
        {"custom_id": "b", "prompt": "two"}
        {"custom_id": "c", "prompt": "three"}
        """);
    CliRun refused =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant",
            "--resume");
    assertThat(refused.exitCode).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err)
        .contains("1 changed (a)")
        .contains("1 new (c)")
        .contains("--rerun-changed")
        .doesNotContain("\tat ");

    CliRun rerun =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant",
            "--rerun-changed",
            "--json");
    assertThat(rerun.exitCode).as(rerun.toString()).isZero();
    assertThat(rerun.out).contains("\"already_done\":1").contains("\"succeeded\":3");
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(3);
  }
}
