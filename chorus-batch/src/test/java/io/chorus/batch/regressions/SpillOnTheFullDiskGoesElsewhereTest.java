package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.batch.internal.Spill;
import io.chorus.batch.internal.SqliteJournalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "When the output disk fills, the message names {@code OUT.spill} on that same full disk": the
 * spill file sits beside the output, and when that disk cannot take it (the output shares the
 * journal's full disk) every record was counted lost. Records the spill file cannot take now go to
 * the temporary directory, the run names that file, and the next run imports it.
 */
class SpillOnTheFullDiskGoesElsewhereTest {

  @TempDir Path dir;
  @TempDir Path tmp;
  private String tmpBefore;

  @BeforeEach
  void tmpdir() {
    tmpBefore = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", tmp.toString());
  }

  @AfterEach
  void restore() {
    System.setProperty("java.io.tmpdir", tmpBefore);
  }

  @Test
  void recordsTheSpillFileCannotTakeAreKeptInTheTemporaryDirectoryAndImported() throws Exception {
    // a spill file that cannot be written: its directory cannot be made (a file is in the way),
    // as a full disk refuses it
    Files.writeString(dir.resolve("disk"), "not a directory");
    Path spillFile = dir.resolve("disk").resolve("out.jsonl.spill");
    ItemRecord item =
        new ItemRecord(0, 1, "a1", "c1", ItemStatus.SUCCEEDED, "{\"custom_id\":\"a1\"}");
    try (Spill spill = new Spill(spillFile)) {
      spill.item("b", item);
      assertThat(spill.lost()).as("nothing lost").isZero();
      assertThat(spill.written()).isEqualTo(1);
      assertThat(spill.file()).as("named where it is").isEqualTo(Spill.fallback(spillFile));
    }
    Path kept = Spill.where(spillFile);
    assertThat(kept.getParent()).isEqualTo(tmp);
    assertThat(Files.readAllLines(kept)).hasSize(1);

    try (SqliteJournalStore journal = SqliteJournalStore.open(dir.resolve("j.db"))) {
      journal.openBatch("b", "in.jsonl", "call");
      assertThat(Spill.importInto(spillFile, journal)).as("the next run finds it").isEqualTo(1);
      List<ItemRecord> items = new ArrayList<>();
      journal.forEachItem("b", 0, items::add);
      assertThat(items).extracting(ItemRecord::customId).containsExactly("a1");
    }
    assertThat(kept).doesNotExist();
  }
}
