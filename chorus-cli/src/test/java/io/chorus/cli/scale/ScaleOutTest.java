package io.chorus.cli.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.common.internal.Json;
import io.chorus.core.ModelId;
import io.chorus.sim.SimConfig;
import io.chorus.sim.SimStats;
import io.chorus.sim.Simulator;
import io.chorus.store.postgres.BatchProgress;
import io.chorus.store.postgres.PostgresLocation;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.SharedWorkflows;
import io.chorus.store.postgres.TestPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker JVMs that share nothing but the store URL (each its own working directory and
 * chorus.yaml), one PostgreSQL, one simulator with a requests-per-minute limit on its model; one
 * worker SIGKILLed at a random moment and restarted. Every custom_id is exactly once in the export,
 * the calls paid twice are at most the killed worker's calls in flight, and the simulator answered
 * no 429: the three processes together stayed under one limit. Sized to run in the test command
 * (120 items at 120/min); {@code scripts/pg-scale.sh} runs it full size ({@code -Dscale.items=3000
 * -Dscale.rpm=600}) and prints the figures.
 */
class ScaleOutTest {

  @TempDir Path dir;

  static int prop(String name, int def) {
    return Integer.getInteger(name, def);
  }

  @Test
  void threeWorkerJvmsShareOneLimitAndAKilledOneLosesNothing() throws Exception {
    int items = prop("scale.items", 90);
    int rpm = prop("scale.rpm", 120);
    int workers = prop("scale.workers", 3);
    long seed = Long.getLong("scale.seed", System.nanoTime());
    Random random = new Random(seed);
    String url = TestPostgres.freshDatabase();
    Path simYaml = dir.resolve("sim.yaml");
    Files.writeString(
        simYaml,
        "models:\n  limited: {base: instant, rateLimits: {requestsPerMinute: " + rpm + "}}\n");
    try (Simulator sim = Simulator.builder().config(SimConfig.load(simYaml)).start();
        PostgresStore store = PostgresStore.open(PostgresLocation.parse(url, Map.of(), dir))) {
      List<BatchItem> batch = new ArrayList<>();
      for (int i = 1; i <= items; i++) {
        ObjectNode o =
            Json.MAPPER
                .createObjectNode()
                .put("custom_id", "item-" + i)
                .put("prompt", "question " + i);
        batch.add(new BatchItem(i, "item-" + i, "c" + i, o));
      }
      SharedBatches batches = new SharedBatches(store);
      batches.submit(
          "scale",
          "call sim:limited",
          SharedWorkflows.call(ModelId.parse("sim:limited")),
          batch,
          false);

      long start = System.nanoTime();
      List<Process> procs = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        procs.add(worker(w, url, sim.baseUrl(), rpm));
      }
      while (sim.stats().totals().requests() == 0 && procs.stream().anyMatch(Process::isAlive)) {
        Thread.sleep(20);
      }
      double firstRequestAt = (System.nanoTime() - start) / 1e9;
      // kill one at a random moment once work is under way (10-60% done), then restart it
      double at = 0.1 + 0.5 * random.nextDouble();
      int victim = random.nextInt(workers);
      int inFlightAtKill = 0;
      while (true) {
        BatchProgress p = batches.progress("scale");
        if (p.done() >= at * items || p.complete()) {
          break;
        }
        Thread.sleep(50);
      }
      BatchProgress before = batches.progress("scale");
      double killedAt = (System.nanoTime() - start) / 1e9;
      procs.get(victim).destroyForcibly(); // SIGKILL
      procs.get(victim).waitFor(30, TimeUnit.SECONDS);
      for (BatchProgress.WorkerProgress wp : batches.progress("scale").workers()) {
        if (wp.worker().startsWith("w" + victim + "/")) {
          inFlightAtKill = wp.inFlight(); // still leased: what the killed worker held
        }
      }
      procs.set(victim, worker(victim, url, sim.baseUrl(), rpm));
      double allDoneAt = -1;
      while (procs.stream().anyMatch(Process::isAlive)) {
        if (allDoneAt < 0 && batches.progress("scale").complete()) {
          allDoneAt = (System.nanoTime() - start) / 1e9;
        }
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (int w = 0; w < workers; w++) {
        if (w != victim) {
          assertThat(procs.get(w).exitValue())
              .as(Files.readString(dir.resolve("w" + w + ".err")))
              .isZero();
        }
      }
      batches.export("scale", dir.resolve("out.jsonl"), dir.resolve("out.dead.jsonl"));
      Map<String, Integer> seen = new HashMap<>();
      for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) {
        seen.merge(Json.MAPPER.readTree(line).path("custom_id").asText(), 1, Integer::sum);
      }
      SimStats.Counters t = sim.stats().totals();
      long paid = t.requests() - t.rateLimited();
      long paidTwice = paid - items;
      // A call is paid twice only when its item is claimed twice: its lease ended before its call
      // did, and another claim took the item over (each claim counts in attempts). The killed
      // worker's calls in flight are such items; so is any item of a living worker whose heartbeat
      // came too late under load (a 3 s lease renewed every second: at load 44 this happened, and
      // "paid twice 4 > in flight 3" was that one item, not a lost response).
      int takenOver = takeovers(store);
      // The shared bucket, as the simulator's (and a provider's), starts full: a minute's limit
      // (less 1% headroom) may go at once, then the refill paces. Over a run of T seconds the
      // limit allows that bucketful plus rpm * T / 60, so the rate over the run is that of the
      // requests beyond the first bucketful, from the first request to the last item done.
      double bucket = Math.floor(rpm * 0.99);
      double activeSeconds = allDoneAt - firstRequestAt;
      double sustained = (t.requests() - bucket) / activeSeconds * 60;
      int expiredAlive = Math.max(0, takenOver - inFlightAtKill);
      double perMinute = t.requests() / seconds * 60;
      System.out.printf(
          "scale-out: %d items, %d workers, limit %d/min, seed %d: %d requests, all items done at %.1f s, workers"
              + " exited at %.1f s (%.0f requests/min overall), %d x 429, paid twice %d, killed worker w%d at %.1f s had %d in"
              + " flight at %d done; %d item(s) taken over, %d of them from a living worker whose lease expired;"
              + " beyond the first bucketful (%.0f): %.1f requests/min from the first request (%.1f s) to the last item"
              + " done (%.1f s) = %.3f x the limit; load %s%n",
          items,
          workers,
          rpm,
          seed,
          t.requests(),
          allDoneAt,
          seconds,
          perMinute,
          t.rateLimited(),
          paidTwice,
          victim,
          killedAt,
          inFlightAtKill,
          before.done(),
          takenOver,
          expiredAlive,
          bucket,
          sustained,
          firstRequestAt,
          allDoneAt,
          sustained / rpm,
          load());
      assertThat(seen)
          .as("every custom_id exactly once")
          .hasSize(items)
          .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
      assertThat(t.rateLimited())
          .as("429s: the processes together stayed under the simulator's limit")
          .isZero();
      if (t.requests() > 2 * bucket) {
        // long enough for the refill to set the pace (the test command's size fits in the bucket)
        assertThat(sustained / rpm)
            .as("requests beyond the bucketful, per minute of limit")
            .isLessThan(1.02);
      }
      assertThat(paidTwice)
          .as(
              "paid twice <= the calls whose lease ended before they did: the killed worker's %d in"
                  + " flight and %d lease(s) of living workers expired under load",
              inFlightAtKill, expiredAlive)
          .isBetween(0L, (long) inFlightAtKill + expiredAlive);
    }
  }

  /** Items claimed more than once (each claim adds one to {@code attempts}). */
  static int takeovers(PostgresStore store) throws java.sql.SQLException {
    try (var c = store.dataSource().getConnection();
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT coalesce(sum(attempts - 1), 0) FROM work_items WHERE batch_id = 'scale'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The 1-minute load average, for the figures' line. */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * The contrast: the same three processes each with its own SQLite journal and the same
   * per-process limit count alone, so together they send about three times the limit and meet 429s.
   */
  @Test
  void threeIndependentSqliteProcessesOverrunTheLimit() throws Exception {
    int rpm = prop("scale.rpm", 120);
    // two bucketfuls each: their own buckets let each send a minute's limit at once and then pace
    // at the limit, together three times what the simulator refills. At one bucketful each
    // (3,000 items at 600/min: 1,800 requests) they could all fit in the simulator's bucket plus
    // its
    // refill over the run, and met no 429
    int items = 6 * rpm;
    Path simYaml = dir.resolve("sim.yaml");
    Files.writeString(
        simYaml,
        "models:\n  limited: {base: instant, rateLimits: {requestsPerMinute: " + rpm + "}}\n");
    try (Simulator sim = Simulator.builder().config(SimConfig.load(simYaml)).start()) {
      List<Process> procs = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        Path wd = Files.createDirectories(dir.resolve("s" + w));
        Files.writeString(
            wd.resolve("chorus.yaml"), "providers:\n  sim: {limits: {rpm: " + rpm + "}}\n");
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= items / 3; i++) {
          in.append("{\"custom_id\": \"p")
              .append(w)
              .append("-")
              .append(i)
              .append("\", \"prompt\": \"q ")
              .append(w)
              .append(" ")
              .append(i)
              .append("\"}\n");
        }
        Files.writeString(wd.resolve("in.jsonl"), in.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb =
            new ProcessBuilder(
                    java,
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.chorus.cli.Main",
                    "batch",
                    "in.jsonl",
                    "--out",
                    "out.jsonl",
                    "--model",
                    "sim:limited",
                    "--concurrency",
                    "4",
                    "--no-progress",
                    "--quiet")
                .directory(wd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s" + w + ".out").toFile());
        pb.environment().put("CHORUS_SIM_URL", sim.baseUrl());
        procs.add(pb.start());
      }
      // until the first 429 (or all done), then stop them: the point is made, the rest would only
      // wait out retry-afters
      long begin = System.nanoTime();
      while (procs.stream().anyMatch(Process::isAlive)
          && sim.stats().totals().rateLimited() == 0
          && System.nanoTime() - begin < TimeUnit.MINUTES.toNanos(5)) {
        Thread.sleep(100);
      }
      Thread.sleep(500);
      SimStats.Counters t = sim.stats().totals();
      double seconds = (System.nanoTime() - begin) / 1e9;
      procs.forEach(Process::destroyForcibly);
      System.out.printf(
          "contrast: 3 independent SQLite-backed processes, %d items, limit %d/min each: %d requests"
              + " in %.1f s (%.1f x the limit's bucketful; %.0f requests/min), %d x 429; load %s%n",
          items,
          rpm,
          t.requests(),
          seconds,
          t.requests() / (rpm * 1.0),
          t.requests() / seconds * 60,
          t.rateLimited(),
          load());
      assertThat(t.rateLimited())
          .as("independent processes each spend the whole limit")
          .isPositive();
    }
  }

  private Process worker(int w, String url, String simUrl, int rpm) throws Exception {
    Path wd = Files.createDirectories(dir.resolve("w" + w));
    Files.writeString(
        wd.resolve("chorus.yaml"), "providers:\n  sim: {limits: {rpm: " + rpm + "}}\n");
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
                "4",
                "--lease",
                "3s",
                "--no-progress",
                "--quiet")
            .directory(wd.toFile())
            .redirectOutput(dir.resolve("w" + w + ".out").toFile())
            .redirectError(
                ProcessBuilder.Redirect.appendTo(
                    new File(dir.resolve("w" + w + ".err").toString())));
    pb.environment().put("CHORUS_SIM_URL", simUrl);
    return pb.start();
  }
}
