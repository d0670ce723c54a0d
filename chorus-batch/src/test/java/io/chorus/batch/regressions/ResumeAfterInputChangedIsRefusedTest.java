package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.batch.BatchInput;
import io.chorus.batch.BatchRefusedException;
import io.chorus.batch.BatchRunner;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalResponseCache;
import io.chorus.batch.JournalStore;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.RetryPolicy;
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

  static final ModelId MODEL = ModelId.parse("fake:m");
  static final ObjectMapper JSON = new ObjectMapper();

  private BatchSummary run(JournalStore store, FakeProvider provider, boolean rerunChanged) throws Exception {
    String batchId = BatchRunner.batchId(dir.resolve("out.jsonl"), "call fake:m");
    JournalResponseCache cache = new JournalResponseCache(store, batchId, false);
    BatchWorkflow wf = BatchWorkflow.call(MODEL, cache);
    BatchInput in = BatchInput.read(dir.resolve("in.jsonl"), wf::validate);
    store.openBatch(batchId, "in", wf.describe());
    BatchRunner runner = BatchRunner.builder().journal(store).batchId(batchId).workflow(wf).rerunChanged(rerunChanged).build();
    int skipped;
    try (Engine e = Engine.builder().provider(provider).cache(cache).retry(RetryPolicy.NONE).build()) {
      skipped = runner.run(e, in.items());
    }
    return runner.writeFiles(in.items(), in.rejects(), dir.resolve("out.jsonl"), dir.resolve("out.dead.jsonl"),
        dir.resolve("out.rejects.jsonl"), skipped, cache.hits());
  }

  private Map<String, String> output() throws Exception {
    Map<String, String> byId = new HashMap<>();
    for (String l : Files.readAllLines(dir.resolve("out.jsonl"))) {
      var n = JSON.readTree(l);
      assertThat(byId.put(n.path("custom_id").asText(), n.path("text").asText())).as("each id once").isNull();
    }
    return byId;
  }

  @Test
  void aChangedInputIsRefusedWithItsIdsAndRerunChangedRunsExactlyThose() throws Exception {
    Files.writeString(dir.resolve("in.jsonl"), """
        {"custom_id": "a", "prompt": "one"}
        {"custom_id": "b", "prompt": "two"}
        {"custom_id": "c", "prompt": "three"}
        """);
    try (JournalStore store = JournalStore.sqlite(dir.resolve("j.db"))) {
      FakeProvider first = FakeProvider.echo("fake");
      assertThat(run(store, first, false).succeeded()).isEqualTo(3);

      // b's prompt changed, c is gone, d is new, and a line moved above a: line numbers shift
      Files.writeString(dir.resolve("in.jsonl"), """
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
      assertThat(output()).as("a refused run leaves the output alone").containsOnlyKeys("a", "b", "c");

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
