package io.chorus.cli.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.common.internal.Json;
import io.chorus.core.ModelId;
import io.chorus.sim.Simulator;
import io.chorus.store.postgres.PostgresLocation;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.SharedWorkflows;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling figure of issue 17: items/s with 1, 2, 4 and 8 worker JVMs ({@code chorus worker},
 * sharing only the store URL) against a zero-latency simulator with no limit, and the PostgreSQL
 * statements per item, counted by {@code pg_stat_statements} on a PostgreSQL of its own (the
 * extension must be preloaded, so not the shared test server). A benchmark, not a check: skipped
 * unless {@code -Dscale.figure=true}; {@code scripts/pg-scale.sh figure} runs it and prints one
 * {@code scaling:} line per worker count. Items/s are timed from the first request the simulator
 * saw to the last item done (JVM start-up excluded); each run gets a fresh database.
 */
class ScalingFigureTest {

  @TempDir Path dir;

  @Test
  void itemsPerSecondAndStatementsPerItemAt1248Workers() throws Exception {
    assumeTrue(Boolean.getBoolean("scale.figure"), "a benchmark: -Dscale.figure=true runs it");
    int items = Integer.getInteger("scale.items", 2000);
    int concurrency = Integer.getInteger("scale.concurrency", 4);
    try (EmbeddedPostgres pg =
            EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .start();
        Simulator sim = Simulator.builder().start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        s.execute("CREATE ROLE watcher LOGIN SUPERUSER"); // the test's own queries, not counted
      }
      double base = 0;
      for (int workers : new int[] {1, 2, 4, 8}) {
        String db = "scaling" + workers;
        try (Connection c = pg.getPostgresDatabase().getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + db);
        }
        String url = "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/" + db;
        try (PostgresStore store = PostgresStore.open(PostgresLocation.parse(url, Map.of(), dir))) {
          List<BatchItem> batch = new ArrayList<>();
          for (int i = 1; i <= items; i++) {
            ObjectNode o =
                Json.MAPPER
                    .createObjectNode()
                    .put("custom_id", "item-" + i)
                    .put("prompt", "question " + i);
            batch.add(new BatchItem(i, "item-" + i, "c" + i, o));
          }
          new SharedBatches(store)
              .submit(
                  "scale",
                  "call sim:instant",
                  SharedWorkflows.call(ModelId.parse("sim:instant")),
                  batch,
                  false);
        }
        try (Connection watch =
            java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + db, "watcher", "")) {
          long requestsBefore = sim.stats().totals().requests();
          try (Statement s = watch.createStatement()) {
            // an extension's functions are per database: the one created in "postgres" above gives
            // the server's shared statistics, not pg_stat_statements_reset() in this database
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
          }
          List<Process> procs = new ArrayList<>();
          for (int w = 0; w < workers; w++) {
            procs.add(worker(workers, w, url, sim.baseUrl(), concurrency));
          }
          while (sim.stats().totals().requests() == requestsBefore
              && procs.stream().anyMatch(Process::isAlive)) {
            Thread.sleep(10);
          }
          long first = System.nanoTime();
          long doneAt = 0;
          while (procs.stream().anyMatch(Process::isAlive)) {
            if (doneAt == 0 && done(watch) == items) {
              doneAt = System.nanoTime();
            }
            Thread.sleep(doneAt == 0 ? 50 : 100);
          }
          if (doneAt == 0) {
            doneAt = System.nanoTime();
          }
          for (Process p : procs) {
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
          }
          assertThat(done(watch)).isEqualTo(items);
          double seconds = (doneAt - first) / 1e9;
          double perSecond = items / seconds;
          if (workers == 1) {
            base = perSecond;
          }
          long statements;
          try (Statement s = watch.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE userid ="
                          + " (SELECT oid FROM pg_roles WHERE rolname = 'postgres') AND dbid ="
                          + " (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rs.next();
            statements = rs.getLong(1);
          }
          System.out.printf(
              "scaling: %d worker(s) x concurrency %d, %d items on sim:instant (no limit): %.1f s from the first"
                  + " request, %.0f items/s (%.2f x one worker), %d requests, %.2f PostgreSQL statements per"
                  + " item (pg_stat_statements, start-up and idle polls included); load %s%n",
              workers,
              concurrency,
              items,
              seconds,
              perSecond,
              perSecond / base,
              sim.stats().totals().requests() - requestsBefore,
              statements / (double) items,
              ScaleOutTest.load());
        }
      }
    }
  }

  private static int done(Connection watch) throws Exception {
    try (Statement s = watch.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM chorus.work_items WHERE batch_id = 'scale' AND state IN ('done', 'failed')")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private Process worker(int run, int w, String url, String simUrl, int concurrency)
      throws Exception {
    Path wd = Files.createDirectories(dir.resolve("r" + run + "w" + w));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.chorus.cli.Main",
                "worker",
                "--store",
                url,
                "--name",
                "w" + w,
                "--concurrency",
                String.valueOf(concurrency),
                "--no-progress",
                "--quiet")
            .directory(wd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(wd.resolve("out.txt").toFile());
    pb.environment().put("CHORUS_SIM_URL", simUrl);
    return pb.start();
  }
}
