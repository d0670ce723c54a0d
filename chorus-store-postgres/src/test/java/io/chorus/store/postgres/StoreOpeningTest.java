package io.chorus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.batch.JournalException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opening a store: migrated to the newest version, a newer one refused, an unreachable one named in
 * one line.
 */
class StoreOpeningTest {

  @Test
  void aNewStoreIsCreatedAtTheNewestVersionAndReopensWithoutChange() {
    String url = TestPostgres.freshDatabase();
    try (PostgresStore s = PostgresStore.open(TestPostgres.location(url))) {
      assertThat(s.schemaVersion()).isEqualTo(PostgresStore.knownSchemaVersion());
    }
    try (PostgresStore s = PostgresStore.open(TestPostgres.location(url))) {
      assertThat(s.schemaVersion()).isEqualTo(PostgresStore.knownSchemaVersion());
    }
  }

  @Test
  void aStoreMadeByAnOlderChorusIsUpgradedInPlaceKeepingItsRows() throws Exception {
    String url = TestPostgres.freshDatabase();
    PostgresLocation loc = TestPostgres.location(url);
    // what the first version (journal only, V1) left behind, with a stored response in it
    try (var ds = new com.zaxxer.hikari.HikariDataSource()) {
      ds.setJdbcUrl(loc.jdbcUrl());
      ds.setUsername(loc.user());
      org.flywaydb.core.Flyway.configure()
          .dataSource(ds)
          .schemas("chorus")
          .defaultSchema("chorus")
          .createSchemas(true)
          .table("chorus_schema_history")
          .locations("classpath:io/chorus/store/postgres/migration")
          .target("1")
          .load()
          .migrate();
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO chorus.responses(identity, batch_id, response) VALUES ('id', 'b', '{}')");
      }
    }
    try (PostgresStore s = PostgresStore.open(loc)) {
      assertThat(s.schemaVersion()).isEqualTo(PostgresStore.knownSchemaVersion()).isGreaterThan(1);
      try (Connection c = s.dataSource().getConnection();
          Statement st = c.createStatement();
          var rs =
              st.executeQuery(
                  "SELECT (SELECT COUNT(*) FROM responses), (SELECT COUNT(*) FROM work_items)")) {
        rs.next();
        assertThat(rs.getInt(1)).as("rows of the older version kept").isEqualTo(1);
        assertThat(rs.getInt(2)).isZero();
      }
    }
  }

  @Test
  void aStoreMadeByANewerChorusIsRefusedNamingBothVersions() throws Exception {
    String url = TestPostgres.freshDatabase();
    try (PostgresStore s = PostgresStore.open(TestPostgres.location(url))) {
      try (Connection c = s.dataSource().getConnection();
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO chorus_schema_history(installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'x', 1, true)");
      }
    }
    assertThatThrownBy(() -> PostgresStore.open(TestPostgres.location(url)))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("up to " + PostgresStore.knownSchemaVersion())
        .hasMessageContaining("upgrade Chorus");
  }

  @Test
  void aSchemaOfAnotherApplicationIsRefusedAndLeftAlone() throws Exception {
    String url = TestPostgres.freshDatabase();
    PostgresLocation loc = TestPostgres.location(url);
    try (var ds = new com.zaxxer.hikari.HikariDataSource()) {
      ds.setJdbcUrl(loc.jdbcUrl());
      ds.setUsername(loc.user());
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA chorus");
        st.execute("CREATE TABLE chorus.orders(id INT PRIMARY KEY)");
      }
      assertThatThrownBy(() -> PostgresStore.open(loc))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining(
              "is not a Chorus store: its schema chorus holds tables Chorus did not make (orders)")
          .hasMessageContaining("point --store at another schema or database");
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          var rs =
              st.executeQuery(
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'chorus'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("nothing created beside their table").isEqualTo(1);
      }
    }
  }

  @Test
  void anUnreachableServerIsOneLineNamingHostAndPortWithoutThePassword() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    PostgresLocation loc =
        PostgresLocation.parse(
            "postgresql://app@127.0.0.1:" + port + "/orders",
            Map.of("PGPASSWORD", "s3cret-pw"),
            java.nio.file.Path.of("/nonexistent"));
    assertThatThrownBy(() -> PostgresStore.open(loc))
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith("cannot reach the PostgreSQL store at 127.0.0.1:" + port)
        .hasMessageNotContaining("s3cret-pw")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
