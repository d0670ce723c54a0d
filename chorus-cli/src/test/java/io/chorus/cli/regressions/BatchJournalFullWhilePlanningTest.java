package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "When the batch journal fills up while the batch is being planned, {@code chorus batch} exits 3
 * with {@code SQLITE_ERROR … cannot commit - no transaction is active} instead of saying the disk
 * is full." A journal that may grow by 8 pages only ({@link CappedJournalProvider}: a real {@code
 * SQLITE_FULL}, no mount) cannot take the input record of 2,000 items: exit 7, one line naming the
 * journal file and the cause, no call made; with room again the same batch runs to the end.
 */
class BatchJournalFullWhilePlanningTest {

  @TempDir Path dir;
  Simulator sim;

  static final int ITEMS = 2000;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aJournalFullWhilePlanningExitsSevenNamingItAndPaysNothing() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ITEMS; i++) {
      sb.append("{\"custom_id\": \"item-").append(i).append("\", \"prompt\": \"question ");
      sb.append(i).append("\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), sb);
    sim = Simulator.builder().start();
    Map<String, String> env = Map.of("CHORUS_SIM_URL", sim.baseUrl());
    Path journal = dir.resolve("j.db");
    List<String> args =
        List.of("batch", "in.jsonl", "--out", "out.jsonl", "--model", "sim:instant");

    CliRun full =
        CliRun.run(
            dir,
            env,
            Stream.concat(
                    args.stream(), Stream.of("--store", CappedJournalProvider.location(journal, 8)))
                .toArray(String[]::new));
    assertThat(full.exitCode).as(full.toString()).isEqualTo(ExitCodes.STORE_FAILED);
    assertThat(full.err)
        .contains("the batch journal " + journal + " failed: [SQLITE_FULL]")
        .contains("full")
        .contains("nothing paid")
        .doesNotContain("no transaction is active")
        .doesNotContain("\tat ");
    assertThat(full.err.lines().filter(l -> l.contains("journal")))
        .as("one line says it")
        .hasSize(1);
    assertThat(sim.stats().totals().requests()).as("no call made").isZero();

    // room again: the same command (the journal as a file) runs the batch to the end
    CliRun again =
        CliRun.run(
            dir,
            env,
            Stream.concat(args.stream(), Stream.of("--journal", journal.toString()))
                .toArray(String[]::new));
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(ITEMS);
    assertThat(sim.stats().totals().requests()).isEqualTo(ITEMS);
  }
}
