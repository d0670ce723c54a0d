package io.chorus.store.postgres.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalResponseCache;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.RetryPolicy;
import io.chorus.core.Timeouts;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.TestPostgres;
import io.chorus.store.postgres.Worker;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A worker on {@code sim:slow} reported '4 given back unrun (budget)' for calls that ended
 * cancelled": its calls were cut short when the grace of a Ctrl-C ran out (their error kind was
 * {@code cancelled}), and the worker counted every cancelled call, and every item its shut-down
 * engine refused, as a budget stop. Now a budget stop, a shutdown and a call's own timeout are told
 * apart: the first two give the item back ({@code released} and {@code stopped}), the last fails it
 * with its error kind, and the worker goes on with the other items.
 */
class WorkerCallTimedOutIsNotABudgetStopTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ModelId MODEL = ModelId.parse("fake:m");
  static final int ITEMS = 6;

  @TempDir Path dir;

  @Test
  void callsCutShortByAShutdownAreGivenBackAsStoppedNotAsABudgetStop() throws Exception {
    FakeProvider provider = FakeProvider.builder("fake").responder((r, n) -> Reply.hang()).build();
    try (PostgresStore store = submitted()) {
      Worker worker = worker(store);
      Engine engine = engine(provider, worker, Timeouts.DEFAULT);
      Worker.Summary s;
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Worker.Summary> run = pool.submit(() -> worker.run(engine, "b", wf()));
        assertThat(provider.awaitInFlight(2, Duration.ofSeconds(30))).isTrue();
        engine.shutdown(Duration.ofMillis(200)); // Ctrl-C; the calls hang past the grace
        s = run.get(60, TimeUnit.SECONDS);
      }
      assertThat(s.released()).as("no budget was set: nothing given back for the budget").isZero();
      assertThat(s.stopped()).as("the two calls cut short, given back").isEqualTo(2);
      assertThat(s.failed()).isZero();
      assertThat(new SharedBatches(store).progress("b").done()).isZero();
    }
  }

  @Test
  void aCallThatTimesOutFailsItsItemAndTheWorkerGoesOn() throws Exception {
    // the first two calls hang past the call deadline, the others answer
    FakeProvider provider =
        FakeProvider.builder("fake")
            .responder((r, n) -> n <= 2 ? Reply.hang() : Reply.text("ok"))
            .build();
    try (PostgresStore store = submitted()) {
      Worker worker = worker(store);
      Engine engine = engine(provider, worker, Timeouts.DEFAULT.withCall(Duration.ofMillis(300)));
      Worker.Summary s = worker.run(engine, "b", wf());
      assertThat(s.released()).isZero();
      assertThat(s.stopped()).isZero();
      assertThat(s.failed()).isEqualTo(2);
      assertThat(s.succeeded()).isEqualTo(ITEMS - 2);
      assertThat(new SharedBatches(store).progress("b").complete()).isTrue();
    }
  }

  private PostgresStore submitted() {
    PostgresStore store = PostgresStore.open(TestPostgres.location(TestPostgres.freshDatabase()));
    List<BatchItem> items = new ArrayList<>();
    for (int i = 1; i <= ITEMS; i++) {
      ObjectNode o = JSON.createObjectNode().put("custom_id", "q" + i).put("prompt", "q " + i);
      items.add(new BatchItem(i, "q" + i, "c" + i, o));
    }
    new SharedBatches(store).submit("b", wf().describe(), "{}", items, false);
    return store;
  }

  private Worker worker(PostgresStore store) {
    return Worker.builder()
        .store(store)
        .concurrency(2)
        .pollInterval(Duration.ofMillis(50))
        .spill(dir.resolve("worker.spill"))
        .build();
  }

  private static Engine engine(FakeProvider p, Worker w, Timeouts t) {
    return Engine.builder()
        .provider(p)
        .timeouts(t)
        .retry(RetryPolicy.NONE)
        .cache(new JournalResponseCache(w.journal(), "b", true))
        .build();
  }

  private static BatchWorkflow wf() {
    return BatchWorkflow.call(MODEL, null);
  }
}
