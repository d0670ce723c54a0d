package io.chorus.batch;

import io.chorus.batch.internal.SqliteJournalStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store against the {@link JournalStoreContract}. */
class SqliteJournalStoreTest extends JournalStoreContract {

  @TempDir Path dir;

  @Override
  protected JournalStore open() {
    return SqliteJournalStore.open(dir.resolve("journal.db"));
  }

  @Override
  protected JournalStore reopen(JournalStore closed) {
    closed.close();
    return SqliteJournalStore.open(dir.resolve("journal.db"));
  }
}
