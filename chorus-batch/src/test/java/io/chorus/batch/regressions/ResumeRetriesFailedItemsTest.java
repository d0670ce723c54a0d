package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.batch.BatchRuns;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.JournalStore;
import io.chorus.core.ProviderError;
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

  private BatchSummary run(JournalStore store, FakeProvider provider, boolean retryFailed)
      throws Exception {
    return BatchRuns.run(dir, store, provider, b -> b.retryFailed(retryFailed));
  }

  @Test
  void failedItemsRunAgainOnResumeUnlessKept() throws Exception {
    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"custom_id": "a", "prompt": "one"}
        {"custom_id": "b", "prompt": "two"}
        {"custom_id": "c", "prompt": "three"}
        """);
    FakeProvider outage =
        FakeProvider.builder("fake")
            .onMessage("two", FakeProvider.Reply.error(new ProviderError.ServerError("down", 500)))
            .onMessage(
                "three", FakeProvider.Reply.error(new ProviderError.ServerError("down", 500)))
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
      assertThat(BatchRuns.output(dir.resolve("out.jsonl"))).containsOnlyKeys("a", "b", "c");
      assertThat(Files.readAllLines(dir.resolve("out.dead.jsonl"))).isEmpty();
    }
  }
}
