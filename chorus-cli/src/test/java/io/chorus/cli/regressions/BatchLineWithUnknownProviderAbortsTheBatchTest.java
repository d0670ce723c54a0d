package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: "one unknown provider aborts the whole batch without naming the line". A line whose
 * {@code model} names a provider the configuration cannot run goes to the rejects file with its
 * line number and the reason; the other lines run.
 */
class BatchLineWithUnknownProviderAbortsTheBatchTest {

  @TempDir Path dir;

  @Test
  void theLineIsRejectedAndTheRestRun() throws Exception {
    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"custom_id": "a", "prompt": "one"}
        {"custom_id": "b", "prompt": "two", "model": "frobnicate:x"}
        {"custom_id": "c", "prompt": "three", "model": "sim:fast"}
        """);
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant",
            "--no-progress");
    // a rejected line is not a failed item: the batch that ran everything it could exits 0
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readAllLines(dir.resolve("out.jsonl")))
        .hasSize(2)
        .anyMatch(l -> l.contains("\"custom_id\":\"a\""))
        .anyMatch(l -> l.contains("\"custom_id\":\"c\""));
    List<String> rejects = Files.readAllLines(dir.resolve("out.rejects.jsonl"));
    assertThat(rejects).hasSize(1);
    assertThat(rejects.get(0)).contains("\"line\":2", "frobnicate", "unknown provider");
    assertThat(r.err).contains("line 2", "frobnicate");
  }
}
