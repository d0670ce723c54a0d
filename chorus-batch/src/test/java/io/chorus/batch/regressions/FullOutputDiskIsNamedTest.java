package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.chorus.batch.BatchFiles;
import io.chorus.batch.BatchRuns;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.JournalStore;
import io.chorus.testing.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "{@code --out} naming a directory, or an output disk that fills, fails before any call or names
 * the file — never after paying for everything; no {@code .tmp} left behind." The full disk is
 * real: Linux's {@code /dev/full} answers every write with {@code ENOSPC}. The output that cannot
 * be written is named with the cause, its items stay in the journal (a resume writes them without
 * paying again), and a rewritten file (the rejects) whose temporary file hits the full disk leaves
 * no {@code .tmp} and the old file as it was.
 */
class FullOutputDiskIsNamedTest {

  @TempDir Path dir;

  static final Path FULL = Path.of("/dev/full");

  @Test
  void theOutputOnAFullDiskIsNamedAndNothingIsPaidTwice() throws Exception {
    assumeThat(Files.isWritable(FULL)).as("a Linux /dev/full").isTrue();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      sb.append("{\"custom_id\": \"i")
          .append(i)
          .append("\", \"prompt\": \"q")
          .append(i)
          .append("\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), sb);
    Path in = dir.resolve("in.jsonl");
    FakeProvider first = FakeProvider.echo("fake");
    try (JournalStore store = JournalStore.sqlite(dir.resolve("j.db"))) {
      BatchFiles onFullDisk =
          new BatchFiles(
              in,
              FULL,
              dir.resolve("out.dead.jsonl"),
              dir.resolve("out.rejects.jsonl"),
              dir.resolve("out.jsonl.spill"));
      BatchSummary s = BatchRuns.run(dir, store, first, b -> b.files(onFullDisk));
      assertThat(s.storeFailure()).contains("/dev/full").contains("No space left on device");
      assertThat(s.succeeded()).as("answered and journaled").isEqualTo(first.calls());

      FakeProvider second = FakeProvider.echo("fake");
      BatchSummary resumed = BatchRuns.run(dir, store, second, b -> b);
      assertThat(resumed.storeFailure()).isNull();
      assertThat(second.calls()).as("nothing paid twice").isEqualTo(50 - first.calls());
      assertThat(BatchRuns.output(dir.resolve("out.jsonl"))).hasSize(50);
    }
  }

  @Test
  void aRewrittenFileThatHitsAFullDiskLeavesNoTmpAndTheOldFile() throws Exception {
    assumeThat(Files.isWritable(FULL)).as("a Linux /dev/full").isTrue();
    Files.writeString(
        dir.resolve("in.jsonl"), "{\"custom_id\": \"a\", \"prompt\": \"one\"}\nnot json\n");
    Path rejects = dir.resolve("out.rejects.jsonl");
    Files.writeString(rejects, "the old rejects\n");
    // the temporary file the rejects are written through lands on the full disk
    Files.createSymbolicLink(dir.resolve("out.rejects.jsonl.tmp"), FULL);
    try (JournalStore store = JournalStore.sqlite(dir.resolve("j.db"))) {
      FakeProvider p = FakeProvider.echo("fake");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> BatchRuns.run(dir, store, p, b -> b))
          .hasMessageContaining(rejects.toString())
          .hasMessageContaining("No space left on device");
      assertThat(p.calls()).as("refused before any call").isZero();
    }
    assertThat(dir.resolve("out.rejects.jsonl.tmp")).doesNotExist();
    assertThat(Files.readString(rejects)).isEqualTo("the old rejects\n");
  }
}
