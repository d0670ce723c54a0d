package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.batch.BatchInput;
import io.chorus.batch.BatchRunner;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalResponseCache;
import io.chorus.batch.JournalStore;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.testing.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A short outage dead-letters a whole batch (…); --resume does not retry them." A resumed batch
 * now runs the items that failed for good again by default; {@code retryFailed(false)} (the CLI's
 * {@code --skip-failed}) keeps them in the dead letters.
 */
class ResumeRetriesFailedItemsTest {

  @TempDir Path dir;

  static final ModelId MODEL = ModelId.parse("fake:m");

  private BatchSummary run(JournalStore store, FakeProvider provider, boolean retryFailed) throws Exception {
    JournalResponseCache cache = new JournalResponseCache(store, "b", true);
    BatchWorkflow wf = BatchWorkflow.call(MODEL, cache);
    BatchInput in = BatchInput.read(dir.resolve("in.jsonl"), wf::validate);
    store.openBatch("b", "in", wf.describe());
    BatchRunner runner = BatchRunner.builder().journal(store).batchId("b").workflow(wf).retryFailed(retryFailed).build();
    int skipped;
    try (Engine e = Engine.builder().provider(provider).cache(cache).retry(RetryPolicy.NONE).build()) {
      skipped = runner.run(e, in.items());
    }
    return runner.writeFiles(in.items(), in.rejects(), dir.resolve("out.jsonl"), dir.resolve("out.dead.jsonl"),
        dir.resolve("out.rejects.jsonl"), skipped, cache.hits());
  }

  @Test
  void failedItemsRunAgainOnResumeUnlessKept() throws Exception {
    Files.writeString(dir.resolve("in.jsonl"), """
        {"custom_id": "a", "prompt": "one"}
        {"custom_id": "b", "prompt": "two"}
        {"custom_id": "c", "prompt": "three"}
        """);
    FakeProvider outage = FakeProvider.builder("fake")
        .onMessage("two", FakeProvider.Reply.error(new ProviderError.ServerError("down", 500)))
        .onMessage("three", FakeProvider.Reply.error(new ProviderError.ServerError("down", 500)))
        .build();
    try (JournalStore store = JournalStore.sqlite(dir.resolve("j.db"))) {
      BatchSummary first = run(store, outage, true);
      assertThat(first.failed()).isEqualTo(2);

      FakeProvider healthy = FakeProvider.echo("fake");
      BatchSummary kept = run(store, healthy, false);
      assertThat(healthy.calls()).as("--skip-failed: nothing runs again").isZero();
      assertThat(kept.failed()).isEqualTo(2);

      BatchSummary resumed = run(store, healthy, true);
      assertThat(healthy.calls()).as("the two failed items ran again").isEqualTo(2);
      assertThat(resumed.succeeded()).isEqualTo(3);
      assertThat(resumed.failed()).isZero();
      assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(3);
      assertThat(Files.readAllLines(dir.resolve("out.dead.jsonl"))).isEmpty();
    }
  }
}
