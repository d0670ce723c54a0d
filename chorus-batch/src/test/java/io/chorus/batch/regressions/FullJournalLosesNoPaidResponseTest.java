package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.batch.BatchFiles;
import io.chorus.batch.BatchListener;
import io.chorus.batch.BatchPlan;
import io.chorus.batch.BatchRunner;
import io.chorus.batch.BatchRuns;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalResponseCache;
import io.chorus.batch.internal.SqliteJournalStore;
import io.chorus.core.Engine;
import io.chorus.core.RetryPolicy;
import io.chorus.testing.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A full disk under the journal loses paid responses silently: 1,000 calls answered, 11 journaled,
 * stderr said only {@code 989 unfinished}; SQLITE_FULL only in --log-file, and calls went on for 19
 * s after it." The journal here is really full (SQLite's {@code max_page_count} makes it fail with
 * {@code SQLITE_FULL}): the run stops admitting at once, every answered call is either in the
 * journal or in the spill file beside the output, the summary names the journal and the cause, and
 * the resume imports the spill file and pays for nothing twice.
 */
class FullJournalLosesNoPaidResponseTest {

  @TempDir Path dir;

  static final int ITEMS = 300;
  static final int WINDOW = 4;

  @Test
  void aFullJournalStopsTheRunAndSpillsWhatItCannotTake() throws Exception {
    StringBuilder sb = new StringBuilder();
    String padding = "x".repeat(2000); // responses echo it: a few items fill a page
    for (int i = 0; i < ITEMS; i++) {
      sb.append("{\"custom_id\": \"i")
          .append(i)
          .append("\", \"prompt\": \"")
          .append(i)
          .append(padding)
          .append("\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), sb);
    Path out = dir.resolve("out.jsonl");
    Path journal = dir.resolve("j.db");
    String batchId = BatchRuns.batchId(dir);
    FakeProvider first = FakeProvider.echo("fake");
    List<String> told = new ArrayList<>();
    BatchSummary s;
    long journaled;
    try (SqliteJournalStore store = SqliteJournalStore.open(journal)) {
      JournalResponseCache cache = new JournalResponseCache(store, batchId, false);
      BatchRunner runner =
          BatchRunner.builder()
              .journal(store)
              .batchId(batchId)
              .workflow(BatchWorkflow.call(BatchRuns.MODEL, cache))
              .cache(cache)
              .window(WINDOW)
              .files(BatchFiles.of(dir.resolve("in.jsonl"), out))
              .listener(
                  new BatchListener() {
                    @Override
                    public void storeFailed(String message) {
                      told.add(message);
                    }
                  })
              .build();
      runner.plan();
      store.limitGrowth(12); // about 48 KB more: a dozen items, then SQLITE_FULL
      try (Engine e =
          Engine.builder().provider(first).cache(cache).retry(RetryPolicy.NONE).build()) {
        s = runner.run(e);
      }
      assertThat(cache.errors()).as("the cache's failures are counted, not swallowed").isPositive();
      assertThat(cache.firstError()).contains("SQLITE_FULL");
      List<Object> items = new ArrayList<>();
      store.forEachItem(batchId, 0, items::add);
      journaled = items.size();
    }
    assertThat(s.storeFailure()).contains(journal.toString()).contains("SQLITE_FULL");
    assertThat(told)
        .as("told once, as it happened")
        .singleElement()
        .asString()
        .contains("SQLITE_FULL");
    assertThat(s.complete()).isFalse();
    assertThat(s.stopped()).isTrue();
    assertThat(first.calls())
        .as("admission stopped at once: only the calls in flight went on")
        .isLessThanOrEqualTo((int) journaled + 2 * WINDOW)
        .isLessThan(ITEMS / 2);
    Path spill = dir.resolve("out.jsonl.spill");
    assertThat(s.spilled()).isPositive();
    assertThat(Files.readAllLines(spill)).hasSize((int) s.spilled());
    long spilledItems =
        Files.readAllLines(spill).stream().filter(l -> l.contains("\"kind\":\"item\"")).count();
    assertThat(journaled + spilledItems)
        .as("every answered call is kept: journal or spill file")
        .isEqualTo(first.calls());
    assertThat(s.lost()).isZero();

    // space again: the resume imports the spill file and pays only for what was never answered
    FakeProvider second = FakeProvider.echo("fake");
    BatchSummary resumed;
    try (SqliteJournalStore store = SqliteJournalStore.open(journal)) {
      JournalResponseCache cache = new JournalResponseCache(store, batchId, false);
      BatchRunner runner =
          BatchRunner.builder()
              .journal(store)
              .batchId(batchId)
              .workflow(BatchWorkflow.call(BatchRuns.MODEL, cache))
              .cache(cache)
              .files(BatchFiles.of(dir.resolve("in.jsonl"), out))
              .build();
      BatchPlan plan = runner.plan();
      assertThat(plan.recovered()).isEqualTo(s.spilled());
      assertThat(spill).as("imported, then deleted").doesNotExist();
      try (Engine e =
          Engine.builder().provider(second).cache(cache).retry(RetryPolicy.NONE).build()) {
        resumed = runner.run(e);
      }
    }
    assertThat(resumed.storeFailure()).isNull();
    assertThat(resumed.complete()).isTrue();
    assertThat(second.calls()).as("nothing paid twice").isEqualTo(ITEMS - first.calls());
    assertThat(BatchRuns.output(out)).as("each item once").hasSize(ITEMS);
    assertThat(dir.resolve("out.jsonl.tmp")).doesNotExist();
  }
}
