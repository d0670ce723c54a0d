package io.chorus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.batch.BatchRefusedException;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalResponseCache;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.testing.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers sharing a batch through PostgreSQL: every item once, a dead worker's items taken over,
 * inputs never mixed.
 */
class WorkerTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ModelId MODEL = ModelId.parse("fake:m");

  @TempDir Path dir;

  static List<BatchItem> items(int n, String salt) {
    List<BatchItem> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ObjectNode o =
          JSON.createObjectNode()
              .put("custom_id", "item-" + i)
              .put("prompt", "question " + i + salt);
      out.add(new BatchItem(i, "item-" + i, Integer.toHexString(o.toString().hashCode()), o));
    }
    return out;
  }

  private static Engine engine(FakeProvider p, PostgresStore store, String batchId) {
    return Engine.builder()
        .provider(p)
        .cache(new JournalResponseCache(store.journal(), batchId, true))
        .build();
  }

  @Test
  void threeWorkersFinishEveryItemOnceAndTheExportHoldsEachIdOnce() throws Exception {
    String url = TestPostgres.freshDatabase();
    FakeProvider provider = FakeProvider.builder("fake").build();
    List<PostgresStore> stores = new ArrayList<>();
    try (PostgresStore submitter = PostgresStore.open(TestPostgres.location(url))) {
      SharedBatches batches = new SharedBatches(submitter);
      BatchWorkflow wf = BatchWorkflow.call(MODEL, null);
      assertThat(
              batches
                  .submit(
                      "b",
                      wf.describe(),
                      "{\"kind\":\"call\",\"model\":\"fake:m\"}",
                      items(300, ""),
                      false)
                  .created())
          .isTrue();
      assertThat(
              batches
                  .submit(
                      "b",
                      wf.describe(),
                      "{\"kind\":\"call\",\"model\":\"fake:m\"}",
                      items(300, ""),
                      false)
                  .created())
          .isFalse();
      List<Future<Worker.Summary>> runs = new ArrayList<>();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int w = 0; w < 3; w++) {
          PostgresStore s = PostgresStore.open(TestPostgres.location(url));
          stores.add(s);
          Engine e = engine(provider, s, "b");
          Worker worker =
              Worker.builder()
                  .store(s)
                  .id("w" + w)
                  .concurrency(4)
                  .leaseTtl(Duration.ofSeconds(5))
                  .build();
          runs.add(pool.submit(() -> worker.run(e, "b", BatchWorkflow.call(MODEL, null))));
        }
        int total = 0;
        for (Future<Worker.Summary> f : runs) {
          Worker.Summary s = f.get();
          assertThat(s.storeFailure()).isNull();
          total += s.succeeded();
        }
        assertThat(total).isEqualTo(300);
      }
      assertThat(provider.calls()).as("each item's call paid once").isEqualTo(300);
      BatchProgress p = batches.progress("b");
      assertThat(p.complete()).isTrue();
      assertThat(p.done()).isEqualTo(300);
      assertThat(p.workers()).hasSize(3);
      SharedBatches.Export ex =
          batches.export("b", dir.resolve("out.jsonl"), dir.resolve("out.dead.jsonl"));
      assertThat(ex.succeeded()).isEqualTo(300);
      List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"));
      Set<String> ids = new HashSet<>();
      for (String l : lines) {
        assertThat(ids.add(JSON.readTree(l).path("custom_id").asText())).isTrue();
      }
      assertThat(ids).hasSize(300);
      assertThat(JSON.readTree(lines.get(0)).path("custom_id").asText()).isEqualTo("item-1");
    } finally {
      stores.forEach(PostgresStore::close);
    }
  }

  @Test
  void aDeadWorkersLeasesExpireAndAnotherTakesItsItemsOver() throws Exception {
    String url = TestPostgres.freshDatabase();
    FakeProvider provider = FakeProvider.builder("fake").build();
    try (PostgresStore s = PostgresStore.open(TestPostgres.location(url))) {
      SharedBatches batches = new SharedBatches(s);
      batches.submit("b", "call fake:m", "{}", items(20, ""), false);
      // a worker that claimed five items and was killed: nothing beats for it
      List<SharedBatches.Claim> orphaned = batches.claim("b", "killed", 5, Duration.ofMillis(300));
      assertThat(orphaned).hasSize(5);
      assertThat(batches.progress("b").inFlight()).isEqualTo(5);
      Worker survivor =
          Worker.builder()
              .store(s)
              .id("survivor")
              .concurrency(2)
              .leaseTtl(Duration.ofSeconds(5))
              .pollInterval(Duration.ofMillis(50))
              .build();
      Worker.Summary sum =
          survivor.run(engine(provider, s, "b"), "b", BatchWorkflow.call(MODEL, null));
      assertThat(sum.succeeded()).isEqualTo(20);
      assertThat(sum.takenOver()).isEqualTo(5);
      assertThat(batches.progress("b").complete()).isTrue();
    }
  }

  @Test
  void aResubmissionWithAnotherInputIsRefusedAndTwoBatchesNeverMix() throws Exception {
    String url = TestPostgres.freshDatabase();
    try (PostgresStore s = PostgresStore.open(TestPostgres.location(url))) {
      SharedBatches batches = new SharedBatches(s);
      batches.submit("a", "call fake:m", "{}", items(3, ""), false);
      assertThatThrownBy(
              () -> batches.submit("a", "call fake:m", "{}", items(3, " changed"), false))
          .isInstanceOf(BatchRefusedException.class)
          .hasMessageContaining("was submitted with another input")
          .hasMessageContaining("--restart");
      batches.submit("other", "call fake:m", "{}", items(4, " other"), false);
      assertThat(batches.claim("a", "w", 100, Duration.ofMinutes(1)))
          .hasSize(3)
          .allSatisfy(c -> assertThat(c.batchId()).isEqualTo("a"));
      // --restart: the journal forgets the batch, and every item is pending again
      s.journal().resetBatch("a");
      assertThat(batches.submit("a", "call fake:m", "{}", items(3, " changed"), true).created())
          .isFalse();
      assertThat(batches.progress("a").pending()).as("changed items run again").isEqualTo(3);
      assertThat(batches.progress("other").total()).isEqualTo(4);
    }
  }
}
