package io.chorus.store.postgres.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalResponseCache;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.TestPostgres;
import io.chorus.store.postgres.Worker;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "PostgreSQL lost mid-run: workers stop claiming, finish or abandon in-flight calls without losing
 * a paid response (responses already received are retried into the store with backoff, and written
 * to a local spill file if the store stays down past a deadline), then exit with a clear message;
 * on reconnection the run continues." Before the fix a worker whose store went away stored the
 * responses of its calls in flight twice more within 550 ms, then dropped them (counted only) and
 * stopped: every one of them was paid again by whoever took the item over.
 *
 * <p>The store is a real PostgreSQL: its database is taken away mid-run by refusing connections
 * ({@code ALTER DATABASE … ALLOW_CONNECTIONS false}) and terminating every backend on it, while
 * four calls are in flight; their answers arrive while it is down.
 */
class StoreLostMidRunLosesNoPaidResponseTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ModelId MODEL = ModelId.parse("fake:m");
  static final int ITEMS = 30;
  static final int BEFORE = 8; // calls answered before the outage
  static final int CONCURRENCY = 4;

  @TempDir Path dir;

  @Test
  void theStoreBackWithinTheDeadlineTheRunCompletesEveryItemOncePaidOnce() throws Exception {
    String url = TestPostgres.freshDatabase();
    CountDownLatch gate = new CountDownLatch(1);
    FakeProvider provider = gated(gate);
    try (PostgresStore store = submitted(url)) {
      Worker worker = worker(store, Duration.ofSeconds(30));
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Worker.Summary> run =
            pool.submit(() -> worker.run(engine(provider, worker), "b", wf()));
        assertThat(provider.awaitCalls(BEFORE + CONCURRENCY, Duration.ofSeconds(30))).isTrue();
        assertThat(provider.awaitInFlight(CONCURRENCY, Duration.ofSeconds(30))).isTrue();
        TestPostgres.takeAway(url);
        gate.countDown(); // four answers arrive with the store down
        Thread.sleep(1500);
        assertThat(provider.calls())
            .as("no item claimed while the store is down")
            .isEqualTo(BEFORE + CONCURRENCY);
        TestPostgres.bringBack(url);
        Worker.Summary s = run.get(60, TimeUnit.SECONDS);
        assertThat(s.storeFailure()).isNull();
        assertThat(s.succeeded()).isEqualTo(ITEMS);
        assertThat(s.spilled()).isZero();
      }
      assertThat(provider.calls()).as("each item paid once").isEqualTo(ITEMS);
      assertThat(worker.spillFile()).doesNotExist();
      assertExportedOnce(store);
    }
  }

  @Test
  void theStoreDownPastTheDeadlineSpillsEveryPaidResponseAndTheNextWorkerImportsThem()
      throws Exception {
    String url = TestPostgres.freshDatabase();
    CountDownLatch gate = new CountDownLatch(1);
    FakeProvider provider = gated(gate);
    try (PostgresStore store = submitted(url)) {
      Worker first = worker(store, Duration.ofSeconds(1));
      Worker.Summary s;
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Worker.Summary> run =
            pool.submit(() -> first.run(engine(provider, first), "b", wf()));
        assertThat(provider.awaitCalls(BEFORE + CONCURRENCY, Duration.ofSeconds(30))).isTrue();
        assertThat(provider.awaitInFlight(CONCURRENCY, Duration.ofSeconds(30))).isTrue();
        TestPostgres.takeAway(url);
        gate.countDown();
        s = run.get(60, TimeUnit.SECONDS);
      }
      first.journal().close();
      assertThat(s.storeFailure())
          .startsWith("the PostgreSQL store at 127.0.0.1:" + TestPostgres.port())
          .contains("could not be used for 1.0s")
          .contains(
              CONCURRENCY * 2
                  + " response(s) and item(s) received meanwhile are kept in "
                  + first.spillFile())
          .doesNotContain("\n");
      assertThat(s.spilled()).as("each answer and its item").isEqualTo(CONCURRENCY * 2);
      assertThat(provider.calls()).isEqualTo(BEFORE + CONCURRENCY);
      assertThat(Files.readAllLines(first.spillFile())).hasSize(CONCURRENCY * 2);

      TestPostgres.bringBack(url);
      Worker second = worker(store, Duration.ofSeconds(30));
      Worker.Summary resumed = second.run(engine(provider, second), "b", wf());
      assertThat(resumed.storeFailure()).isNull();
      assertThat(resumed.imported()).isEqualTo(CONCURRENCY * 2);
      assertThat(resumed.succeeded()).isEqualTo(ITEMS - BEFORE - CONCURRENCY);
      assertThat(provider.calls()).as("nothing paid twice").isEqualTo(ITEMS);
      assertThat(second.spillFile()).doesNotExist();
      assertExportedOnce(store);
    }
  }

  private FakeProvider gated(CountDownLatch gate) {
    return FakeProvider.builder("fake")
        .responder(
            (r, call) -> {
              Reply answer = Reply.text("answer to " + r.lastUserMessage());
              return call > BEFORE ? answer.after(gate) : answer;
            })
        .build();
  }

  private PostgresStore submitted(String url) {
    PostgresStore store = PostgresStore.open(TestPostgres.location(url));
    List<BatchItem> items = new ArrayList<>();
    for (int i = 1; i <= ITEMS; i++) {
      ObjectNode o =
          JSON.createObjectNode().put("custom_id", "q" + i).put("prompt", "question " + i);
      items.add(new BatchItem(i, "q" + i, "c" + i, o));
    }
    new SharedBatches(store).submit("b", wf().describe(), "{}", items, false);
    return store;
  }

  private Worker worker(PostgresStore store, Duration deadline) {
    return Worker.builder()
        .store(store)
        .concurrency(CONCURRENCY)
        .leaseTtl(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .spill(dir.resolve("worker.spill"))
        .storeDeadline(deadline)
        .build();
  }

  private static Engine engine(FakeProvider p, Worker w) {
    return Engine.builder()
        .provider(p)
        .cache(new JournalResponseCache(w.journal(), "b", true))
        .build();
  }

  private static BatchWorkflow wf() {
    return BatchWorkflow.call(MODEL, null);
  }

  private void assertExportedOnce(PostgresStore store) throws Exception {
    SharedBatches.Export ex =
        new SharedBatches(store)
            .export("b", dir.resolve("out.jsonl"), dir.resolve("out.dead.jsonl"));
    assertThat(ex.succeeded()).isEqualTo(ITEMS);
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) {
      assertThat(ids.add(JSON.readTree(line).path("custom_id").asText())).as(line).isTrue();
    }
    assertThat(ids).hasSize(ITEMS);
    assertThat(new SharedBatches(store).progress("b").done()).isEqualTo(ITEMS);
  }
}
