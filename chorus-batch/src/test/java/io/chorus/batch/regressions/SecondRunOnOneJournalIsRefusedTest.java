package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.batch.JournalLockedException;
import io.chorus.batch.JournalStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Two processes on one journal both ran (1,946 calls for 1,000 items)." The SQLite journal is now
 * locked by the run that opened it; a second is refused with the holder's pid and start time, and
 * the journal is free again once the holder closes it (or dies: the OS drops the lock).
 */
class SecondRunOnOneJournalIsRefusedTest {

  @TempDir Path dir;

  @Test
  void aSecondOpenIsRefusedNamingTheHolder() {
    Path db = dir.resolve("batch.db");
    try (JournalStore first = JournalStore.sqlite(db)) {
      first.openBatch("b", "in", "wf");
      assertThatThrownBy(() -> JournalStore.sqlite(db))
          .isInstanceOf(JournalLockedException.class)
          .hasMessageContaining("in use by another run")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("started ");
    }
    try (JournalStore again = JournalStore.sqlite(db)) {
      assertThat(again.openBatch("b", "in", "wf").existed()).isTrue();
    }
  }
}
