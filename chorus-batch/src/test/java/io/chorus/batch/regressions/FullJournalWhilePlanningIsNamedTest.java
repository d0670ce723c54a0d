package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chorus.batch.BatchFiles;
import io.chorus.batch.BatchRunner;
import io.chorus.batch.BatchRuns;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalResponseCache;
import io.chorus.batch.internal.SqliteJournalStore;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.RetryPolicy;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import io.chorus.testing.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "When the journal fills up while the batch is being planned, {@code chorus batch} exits 3 with
 * {@code SQLITE_ERROR … cannot commit - no transaction is active} instead of saying the disk is
 * full." SQLite rolled the input record's transaction back itself on {@code SQLITE_FULL}; the
 * rollback after it failed (ignored), and restoring auto-commit issued a {@code COMMIT} whose error
 * replaced the first. The journal here is really full ({@code max_page_count}): the plan fails with
 * a {@link JournalException} naming the journal and {@code SQLITE_FULL}, no call is made, the store
 * stays usable, and once there is space the same batch runs to the end.
 */
class FullJournalWhilePlanningIsNamedTest {

  @TempDir Path dir;

  static final int ITEMS = 5000;

  @Test
  void aJournalFullWhilePlanningSaysSoAndTheRunAfterItCompletes() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ITEMS; i++) {
      sb.append("{\"custom_id\": \"item-").append(i).append("\", \"prompt\": \"p").append(i);
      sb.append(" ").append("x".repeat(200)).append("\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), sb);
    Path journal = dir.resolve("j.db");
    FakeProvider provider = FakeProvider.echo("fake");
    try (SqliteJournalStore store = SqliteJournalStore.open(journal)) {
      store.limitGrowth(8); // 32 KB: the input record of 5,000 items does not fit
      Throwable failure = catchThrowable(() -> runner(store).plan());
      assertThat(failure)
          .isInstanceOf(JournalException.class)
          .hasMessageContaining(journal.toAbsolutePath().toString())
          .hasMessageContaining("SQLITE_FULL")
          .hasMessageContaining("full")
          .hasMessageNotContaining("no transaction is active");
      assertThat(failure.getCause()).isInstanceOf(SQLException.class);
      assertThat(provider.calls()).as("nothing paid").isZero();
      assertThat(dir.resolve("out.jsonl")).doesNotExist();
      // the connection is back in auto-commit: a later write is committed, not left pending
      store.putResponse(
          "probe",
          "b",
          new ChatResponse(
              "hello",
              StopReason.END_TURN,
              Usage.of(1, 2),
              BatchRuns.MODEL,
              "req_1",
              Duration.ofMillis(1),
              null,
              null,
              null,
              false));
    }
    try (SqliteJournalStore store = SqliteJournalStore.open(journal)) {
      assertThat(store.responseCount()).as("the write after the failure was committed").isOne();
    }

    // space again: the batch plans and runs to the end, each item once
    BatchSummary s;
    try (SqliteJournalStore store = SqliteJournalStore.open(journal)) {
      BatchRunner runner = runner(store);
      runner.plan();
      try (Engine e = Engine.builder().provider(provider).retry(RetryPolicy.NONE).build()) {
        s = runner.run(e);
      }
    }
    assertThat(s.storeFailure()).isNull();
    assertThat(s.complete()).isTrue();
    assertThat(s.succeeded()).isEqualTo(ITEMS);
    assertThat(BatchRuns.output(dir.resolve("out.jsonl"))).hasSize(ITEMS);
  }

  private BatchRunner runner(SqliteJournalStore store) {
    String batchId = BatchRuns.batchId(dir);
    JournalResponseCache cache = new JournalResponseCache(store, batchId, false);
    return BatchRunner.builder()
        .journal(store)
        .batchId(batchId)
        .workflow(BatchWorkflow.call(BatchRuns.MODEL, cache))
        .cache(cache)
        .files(BatchFiles.of(dir.resolve("in.jsonl"), dir.resolve("out.jsonl")))
        .build();
  }
}
