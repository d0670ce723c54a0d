package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.batch.internal.SqliteJournalStore;
import io.chorus.store.postgres.PostgresLocation;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same schema rules and batch semantics on both stores, the embedded SQLite journal and a
 * shared PostgreSQL: a store made by a newer Chorus is refused with exit 3 naming both versions;
 * two batches of different inputs into one store never mix; a resume whose input changed is refused
 * naming what changed.
 */
class BatchStoreSemanticsTest {

  @TempDir Path dir;

  static final ObjectMapper JSON = new ObjectMapper();

  /** The store option for {@code kind}: {@code --journal FILE} or {@code --store URL}. */
  private List<String> storeArgs(String kind) {
    return kind.equals("sqlite")
        ? List.of("--journal", dir.resolve("j.db").toString())
        : List.of("--store", url == null ? url = TestPostgres.freshDatabase() : url);
  }

  private String url;

  private CliRun batch(String kind, String in, String out, String... more) {
    List<String> args =
        new ArrayList<>(List.of("batch", in, "--out", out, "--model", "sim:instant"));
    args.addAll(storeArgs(kind));
    args.addAll(List.of(more));
    return CliRun.run(dir, Map.of(), args.toArray(String[]::new));
  }

  private void input(String file, String prefix, int n) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append("{\"custom_id\": \"")
          .append(prefix)
          .append(i)
          .append("\", \"prompt\": \"")
          .append(prefix)
          .append(" question ")
          .append(i)
          .append("\"}\n");
    }
    Files.writeString(dir.resolve(file), sb.toString());
  }

  private Set<String> ids(String out) throws Exception {
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve(out))) {
      assertThat(ids.add(JSON.readTree(line).path("custom_id").asText())).as(line).isTrue();
    }
    return ids;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void twoBatchesNeverMixAndAChangedInputIsRefusedOnResume(String kind) throws Exception {
    input("a.jsonl", "a", 5);
    input("b.jsonl", "b", 7);
    CliRun a = batch(kind, "a.jsonl", "a.out.jsonl");
    assertThat(a.exitCode).as(a.toString()).isZero();
    CliRun b = batch(kind, "b.jsonl", "b.out.jsonl");
    assertThat(b.exitCode).as(b.toString()).isZero();
    assertThat(ids("a.out.jsonl")).containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5");
    assertThat(ids("b.out.jsonl")).hasSize(7).allSatisfy(id -> assertThat(id).startsWith("b"));

    input("a.jsonl", "a", 6); // one item more
    Files.writeString(
        dir.resolve("a.jsonl"),
        Files.readString(dir.resolve("a.jsonl")).replace("a question 2", "a question two"));
    CliRun refused = batch(kind, "a.jsonl", "a.out.jsonl", "--resume");
    assertThat(refused.exitCode).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err)
        .contains("1 changed (a2)")
        .contains("1 new (a6)")
        .contains("--rerun-changed")
        .doesNotContain("\tat ");
    assertThat(ids("a.out.jsonl")).as("left as it was").hasSize(5);

    CliRun rerun = batch(kind, "a.jsonl", "a.out.jsonl", "--rerun-changed");
    assertThat(rerun.exitCode).as(rerun.toString()).isZero();
    assertThat(ids("a.out.jsonl")).hasSize(6).allSatisfy(id -> assertThat(id).startsWith("a"));
    assertThat(ids("b.out.jsonl")).hasSize(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aStoreMadeByANewerChorusIsRefusedWithExitThree(String kind) throws Exception {
    input("a.jsonl", "a", 2);
    CliRun first = batch(kind, "a.jsonl", "a.out.jsonl");
    assertThat(first.exitCode).as(first.toString()).isZero();
    int known;
    if (kind.equals("sqlite")) {
      known = SqliteJournalStore.SCHEMA_VERSION;
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("j.db"));
          Statement s = c.createStatement()) {
        s.execute("PRAGMA user_version=" + (known + 1));
      }
    } else {
      known = PostgresStore.knownSchemaVersion();
      try (PostgresStore s = PostgresStore.open(PostgresLocation.parse(url, Map.of(), dir));
          Connection c = s.dataSource().getConnection();
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO chorus_schema_history(installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (99, '"
                + (known + 1)
                + "', 'from the future', 'SQL', 'V"
                + (known + 1)
                + "__future.sql', 0, 'x', 1, true)");
      }
    }
    CliRun refused = batch(kind, "a.jsonl", "a.out.jsonl", "--resume");
    assertThat(refused.exitCode).as(refused.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(refused.err)
        .contains("has schema version " + (known + 1) + ", made by a newer Chorus")
        .contains("knows versions up to " + known)
        .contains("upgrade Chorus")
        .doesNotContain("\tat ");
  }
}
