package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.batch.JournalException;
import io.chorus.batch.JournalStore;
import io.chorus.batch.internal.SqliteJournalStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A store created by an older version is upgraded or refused with a clear message." The SQLite
 * journal had no schema version: a journal written by a newer Chorus, or any other SQLite file
 * given as {@code --journal}, was opened and written to (tables created beside someone else's). Now
 * the version is {@code PRAGMA user_version}: an unversioned journal of an earlier Chorus is
 * upgraded keeping its rows, a newer one and a foreign file are refused naming why, before anything
 * is written.
 */
class JournalOfAnotherVersionIsCheckedTest {

  @TempDir Path dir;

  private static void sql(Path file, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  private static int pragma(Path file, String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.getInt(1);
    }
  }

  @Test
  void anUnversionedJournalOfAnEarlierChorusIsUpgradedKeepingItsResponses() throws Exception {
    Path file = dir.resolve("old.db");
    // what the first journal wrote: responses, batches without the output checkpoint, items by line
    sql(
        file,
        "CREATE TABLE responses(identity TEXT PRIMARY KEY, batch_id TEXT, response TEXT NOT NULL, stored_at TEXT NOT NULL)",
        "CREATE TABLE batches(batch_id TEXT PRIMARY KEY, input TEXT, workflow TEXT, created_at TEXT NOT NULL, completed_at TEXT)",
        "CREATE TABLE items(batch_id TEXT, line INTEGER, status TEXT, json TEXT)",
        "INSERT INTO responses VALUES ('id-1', 'b', '{}', '2026-01-01')");
    try (JournalStore j = JournalStore.sqlite(file)) {
      assertThat(j.responseCount()).as("rows of the earlier version kept").isEqualTo(1);
      assertThat(j.openBatch("b2", "in.jsonl", "call").existed()).isFalse();
    }
    assertThat(pragma(file, "user_version")).isEqualTo(SqliteJournalStore.SCHEMA_VERSION);
    try (JournalStore j = JournalStore.sqlite(file)) {
      assertThat(j.openBatch("b2", "in.jsonl", "call").existed()).isTrue();
    }
  }

  @Test
  void aJournalMadeByANewerChorusIsRefusedNamingBothVersions() throws Exception {
    Path file = dir.resolve("new.db");
    try (JournalStore j = JournalStore.sqlite(file)) {
      j.openBatch("b", "in.jsonl", "call");
    }
    sql(file, "PRAGMA user_version=" + (SqliteJournalStore.SCHEMA_VERSION + 6));
    assertThatThrownBy(() -> JournalStore.sqlite(file))
        .isInstanceOf(JournalException.class)
        .hasMessage(
            "the batch journal "
                + file
                + " has schema version "
                + (SqliteJournalStore.SCHEMA_VERSION + 6)
                + ", made by a newer Chorus; this one knows versions up to "
                + SqliteJournalStore.SCHEMA_VERSION
                + ": upgrade Chorus to use it");
    assertThat(pragma(file, "user_version"))
        .as("left as it was")
        .isEqualTo(SqliteJournalStore.SCHEMA_VERSION + 6);
  }

  @Test
  void aSqliteFileOfAnotherApplicationIsRefusedAndLeftAlone() throws Exception {
    Path file = dir.resolve("orders.db");
    sql(file, "CREATE TABLE orders(id INTEGER PRIMARY KEY, total REAL)");
    assertThatThrownBy(() -> JournalStore.sqlite(file))
        .isInstanceOf(JournalException.class)
        .hasMessage(
            "the file "
                + file
                + " is not a Chorus batch journal (its tables: orders); point --journal at another file");
    Path marked = dir.resolve("marked.db");
    sql(marked, "PRAGMA application_id=1234");
    assertThatThrownBy(() -> JournalStore.sqlite(marked))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(
            "is not a Chorus batch journal (a SQLite database of another application");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")) {
      assertThat(rs.getInt(1)).as("no Chorus table created beside theirs").isEqualTo(1);
    }
  }
}
