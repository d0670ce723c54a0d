package io.chorus.store.postgres.internal;

import io.chorus.batch.JournalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a store's schema to this version with Flyway: versioned SQL files under {@code
 * io/chorus/store/postgres/migration}, history in {@code chorus_schema_history} inside the store's
 * own schema. Flyway rather than hand-written {@code CREATE TABLE IF NOT EXISTS} (what the SQLite
 * journal does) because a shared server outlives the processes that use it: two Chorus versions
 * meet the same tables, and an upgrade must be recorded, checksummed and applied once even when
 * several workers start together (Flyway takes a PostgreSQL advisory lock around the migration).
 */
public final class Migrations {

  /** Keep in step with the newest {@code V<n>__*.sql}. */
  private static final int NEWEST = 3;

  private static final String LOCATION = "classpath:io/chorus/store/postgres/migration";

  private Migrations() {}

  public static int newestVersion() {
    return NEWEST;
  }

  /**
   * Migrates (or refuses) the schema; returns its version afterwards.
   *
   * @param described the store, for messages
   * @throws JournalException when the schema is newer than this Chorus or does not match its
   *     history
   */
  public static int migrate(DataSource ds, String schema, String described) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(ds)
            .schemas(schema)
            .defaultSchema(schema)
            .createSchemas(true)
            .table("chorus_schema_history")
            .locations(LOCATION)
            .ignoreMigrationPatterns("*:pending") // a newer store is refused below, not ignored
            .validateOnMigrate(true)
            .load();
    try {
      MigrationInfoService info = flyway.info();
      int applied = newestApplied(info);
      if (applied > NEWEST) {
        throw new JournalException(
            "the store "
                + described
                + " has schema version "
                + applied
                + ", made by a newer Chorus; this one knows versions up to "
                + NEWEST
                + ": upgrade Chorus to use it",
            null);
      }
      if (applied == 0) {
        refuseForeign(ds, schema, described);
      }
      MigrateResult r = flyway.migrate();
      return Math.max(
          applied,
          r.targetSchemaVersion == null ? applied : Integer.parseInt(r.targetSchemaVersion));
    } catch (FlywayException e) {
      // validation: an applied migration changed (checksum) or a foreign history table
      throw new JournalException(
          "the store "
              + described
              + " does not match this Chorus's schema history ("
              + firstLine(e.getMessage())
              + "); point --store at another schema or database",
          e);
    }
  }

  /**
   * A schema with tables but no Chorus history is someone else's: refused before Flyway would
   * create its history table among them.
   */
  private static void refuseForeign(DataSource ds, String schema, String described) {
    List<String> tables = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
      q.setString(1, schema);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      return; // Flyway's own reading of the schema says what is wrong
    }
    if (!tables.isEmpty()) {
      throw new JournalException(
          "the store "
              + described
              + " is not a Chorus store: its schema "
              + schema
              + " holds tables Chorus did not make ("
              + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
              + (tables.size() > 5 ? ", …" : "")
              + "); point --store at another schema or database",
          null);
    }
  }

  private static int newestApplied(MigrationInfoService info) {
    return Arrays.stream(info.applied())
        .map(MigrationInfo::getVersion)
        .filter(v -> v != null)
        .mapToInt(v -> Integer.parseInt(v.getVersion().split("\\.")[0]))
        .max()
        .orElse(0);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }
}
