package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.batch.JournalException;
import io.chorus.batch.JournalStore;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A journal with garbage mid-file was used without a check." The SQLite store now runs {@code
 * PRAGMA quick_check} on open and refuses a corrupt journal with a message naming the file.
 */
class CorruptJournalIsRefusedTest {

  @TempDir Path dir;

  @Test
  void garbageMidFileIsRefusedWithTheFileNamed() throws Exception {
    Path db = dir.resolve("batch.db");
    try (JournalStore s = JournalStore.sqlite(db)) {
      for (int i = 0; i < 2_000; i++) {
        s.putResponse(
            "id-" + i,
            "b",
            new ChatResponse(
                "answer number " + i + " ".repeat(50),
                StopReason.END_TURN,
                Usage.of(1, 2),
                ModelId.parse("fake:m"),
                "req_" + i,
                Duration.ofMillis(1),
                null,
                null,
                null,
                false));
      }
    }
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      assertThat(f.length()).isGreaterThan(64 * 1024);
      byte[] garbage = new byte[1000];
      java.util.Arrays.fill(garbage, (byte) 0x5A);
      f.seek(f.length() / 2 / 4096 * 4096 + 1024); // inside one page of the responses table
      f.write(garbage);
    }
    assertThatThrownBy(() -> JournalStore.sqlite(db))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("is corrupt")
        .hasMessageContaining(db.toString())
        .hasMessageContaining("move it aside");
  }
}
