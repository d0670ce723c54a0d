package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.cli.CliRun;
import io.chorus.core.ModelId;
import io.chorus.store.postgres.PostgresLocation;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.SharedWorkflows;
import io.chorus.store.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "PostgreSQL lost mid-run: … then exit with a clear message; on reconnection the run continues."
 * {@code chorus worker} whose store goes away while its calls are in flight (a real PostgreSQL
 * refusing the database and ending its sessions) and stays away past {@code --store-deadline}: exit
 * 7 with one message naming the store and the spill file; started again once the store is back it
 * imports the file and finishes the batch, every {@code custom_id} once.
 */
class WorkerLosesItsStoreMidRunTest {

  @TempDir Path dir;

  static final ObjectMapper JSON = new ObjectMapper();

  private static String result(Future<CliRun> run) {
    try {
      return run.get().toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void theWorkerExitsSevenNamingTheSpillFileAndTheNextOneImportsIt() throws Exception {
    String url = TestPostgres.freshDatabase();
    Path sim = dir.resolve("sim.yaml");
    Files.writeString(sim, "models:\n  lag: {base: fast, ttft: 1500ms, tokensPerSecond: 0}\n");
    List<BatchItem> items = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      ObjectNode o =
          JSON.createObjectNode().put("custom_id", "q" + i).put("prompt", "question " + i);
      items.add(new BatchItem(i, "q" + i, "c" + i, o));
    }
    try (PostgresStore s = PostgresStore.open(PostgresLocation.parse(url, Map.of(), dir))) {
      SharedBatches batches = new SharedBatches(s);
      batches.submit(
          "lost", "call sim:lag", SharedWorkflows.call(ModelId.parse("sim:lag")), items, false);
      CliRun first;
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<CliRun> run =
            pool.submit(
                () ->
                    CliRun.run(
                        dir,
                        Map.of(),
                        "worker",
                        "--store",
                        url,
                        "--concurrency",
                        "4",
                        "--store-deadline",
                        "1s",
                        "--lease",
                        "2s",
                        "--sim-config",
                        sim.toString()));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
          var p = batches.progress("lost");
          if (p.done() >= 1 && p.inFlight() >= 2) {
            break;
          }
          assertThat(run.isDone())
              .as(() -> "the worker ended early: " + p + " " + result(run))
              .isFalse();
          assertThat(System.nanoTime()).as(() -> "the worker got going: " + p).isLessThan(until);
          Thread.sleep(20);
        }
        TestPostgres.takeAway(url);
        first = run.get(60, TimeUnit.SECONDS);
      }
      Path spill = dir.resolve(".chorus").resolve("worker.spill");
      assertThat(first.exitCode).as(first.toString()).isEqualTo(7);
      assertThat(first.err)
          .contains("the PostgreSQL store at 127.0.0.1:" + TestPostgres.port())
          .contains("could not be used for 1.0s")
          .contains("kept in " + spill)
          .contains("a worker started with --spill " + spill + " imports them");
      assertThat(spill).exists();

      TestPostgres.bringBack(url);
      CliRun second =
          CliRun.run(
              dir,
              Map.of(),
              "worker",
              "--store",
              url,
              "--concurrency",
              "4",
              "--sim-config",
              sim.toString());
      assertThat(second.exitCode).as(second.toString()).isZero();
      assertThat(second.err).contains("imported from " + spill);
      assertThat(spill).doesNotExist();
    }
    CliRun exported =
        CliRun.run(dir, Map.of(), "batch", "export", "--store", url, "--out", "out.jsonl");
    assertThat(exported.exitCode).as(exported.toString()).isZero();
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) {
      assertThat(ids.add(JSON.readTree(line).path("custom_id").asText())).as(line).isTrue();
    }
    assertThat(ids).hasSize(12);
  }
}
