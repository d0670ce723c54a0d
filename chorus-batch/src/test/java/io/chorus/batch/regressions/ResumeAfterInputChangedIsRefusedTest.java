package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.batch.BatchRefusedException;
import io.chorus.batch.BatchRunner;
import io.chorus.batch.BatchRuns;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.JournalStore;
import io.chorus.testing.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "{@code --resume} after the input changed produced a duplicate id, a missing item and a stale
 * answer, exit 0 (items are keyed by line number and the batch id hashes paths)." Items are now
 * keyed by {@code custom_id} and a digest of their line: a resume over a changed input is refused
 * with the ids that changed, are new and are gone, and {@code rerunChanged} runs exactly the
 * changed and new ones; the batch id no longer depends on where the files are.
 */
class ResumeAfterInputChangedIsRefusedTest {

  @TempDir Path dir;

  private BatchSummary run(JournalStore store, FakeProvider provider, boolean rerunChanged)
      throws Exception {
    return BatchRuns.run(dir, store, provider, b -> b.rerunChanged(rerunChanged));
  }

  private Map<String, String> output() throws Exception {
    Map<String, String> byId = new HashMap<>();
    BatchRuns.output(dir.resolve("out.jsonl"))
        .forEach((id, n) -> byId.put(id, n.path("text").asText()));
    return byId;
  }

  @Test
  void aChangedInputIsRefusedWithItsIdsAndRerunChangedRunsExactlyThose() throws Exception {
    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"custom_id": "a", "prompt": "one"}
        {"custom_id": "b", "prompt": "two"}
        {"custom_id": "c", "prompt": "three"}
        """);
    try (JournalStore store = JournalStore.sqlite(dir.resolve("j.db"))) {
      FakeProvider first = FakeProvider.echo("fake");
      assertThat(run(store, first, false).succeeded()).isEqualTo(3);

      // b's prompt changed, c is gone, d is new, and a line moved above a: line numbers shift
      Files.writeString(
          dir.resolve("in.jsonl"),
          """
          {"custom_id": "d", "prompt": "four"}
          {"custom_id": "a", "prompt": "one"}
          {"custom_id": "b", "prompt": "TWO, changed"}
          """);
      FakeProvider second = FakeProvider.echo("fake");
      assertThatThrownBy(() -> run(store, second, false))
          .isInstanceOf(BatchRefusedException.class)
          .hasMessageContaining("1 changed (b)")
          .hasMessageContaining("1 new (d)")
          .hasMessageContaining("1 gone (c)")
          .hasMessageContaining("--rerun-changed");
      assertThat(second.calls()).as("a refused run pays nothing").isZero();
      assertThat(output())
          .as("a refused run leaves the output alone")
          .containsOnlyKeys("a", "b", "c");

      BatchSummary rerun = run(store, second, true);
      assertThat(second.calls()).as("exactly the changed and the new item").isEqualTo(2);
      assertThat(rerun.succeeded()).isEqualTo(3);
      Map<String, String> out = output();
      assertThat(out).containsOnlyKeys("a", "b", "d");
      assertThat(out.get("b")).as("no stale answer").contains("TWO, changed");
      assertThat(out.get("a")).contains("one");

      FakeProvider third = FakeProvider.echo("fake");
      run(store, third, false);
      assertThat(third.calls()).as("the input as it is now is the journal's record").isZero();
    }
  }

  @Test
  void theBatchIdDoesNotDependOnWhereTheFilesAre() {
    assertThat(BatchRunner.batchId(Path.of("/a/b/out.jsonl"), "call sim:fast"))
        .isEqualTo(BatchRunner.batchId(Path.of("/elsewhere/out.jsonl"), "call sim:fast"))
        .isNotEqualTo(BatchRunner.batchId(Path.of("/a/b/out.jsonl"), "call sim:slow"));
  }
}
