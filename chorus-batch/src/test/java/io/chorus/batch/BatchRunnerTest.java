package io.chorus.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.batch.internal.SqliteJournalStore;
import io.chorus.core.ChatRequest;
import io.chorus.core.ProviderError;
import io.chorus.testing.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {

  @TempDir Path dir;

  static final ObjectMapper JSON = new ObjectMapper();

  private void input() throws Exception {
    Files.writeString(
        dir.resolve("in.jsonl"),
        String.join(
            "\n",
            "{\"custom_id\": \"a\", \"prompt\": \"one\"}",
            "{\"custom_id\": \"b\", \"prompt\": \"two\"}",
            "this is not json",
            "",
            "{\"custom_id\": \"c\", \"messages\": [{\"role\": \"user\", \"content\": \"three\"}]}",
            "{\"custom_id\": \"d\", \"prompt\": \"bad\"}",
            "{\"custom_id\": \"a\", \"prompt\": \"dup\"}",
            "{\"custom_id\": \"e\"}",
            "{\"custom_id\": \"f\", \"body\": {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"four\"}]}}"));
  }

  @Test
  void rejectsDeadLettersAndAResumeThatPaysNothingTwice() throws Exception {
    input();
    Path out = dir.resolve("out.jsonl");
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage("bad", FakeProvider.Reply.error(new ProviderError.InvalidRequest("no", 400)))
            .build();
    try (SqliteJournalStore store = SqliteJournalStore.open(dir.resolve("j.db"))) {
      assertThat(store.journalMode()).isEqualTo("wal");
      BatchSummary s = BatchRuns.run(dir, store, fake, b -> b);
      assertThat(s.items()).isEqualTo(5);
      assertThat(s.succeeded()).isEqualTo(4);
      assertThat(s.failed()).isEqualTo(1);
      assertThat(s.rejected()).isEqualTo(3);
      assertThat(s.complete()).isTrue();
      assertThat(s.storeFailure()).isNull();
      assertThat(fake.calls()).isEqualTo(5);
      var byId = BatchRuns.output(out);
      assertThat(byId).containsOnlyKeys("a", "b", "c", "f");
      assertThat(byId.values()).allMatch(n -> n.path("text").asText().startsWith("echo: "));
      assertThat(byId.get("c").path("line").asInt()).isEqualTo(5);
      assertThat(
              JSON.readTree(Files.readAllLines(dir.resolve("out.dead.jsonl")).get(0))
                  .path("error_kind")
                  .asText())
          .isEqualTo("invalid_request");
      List<String> rejects = Files.readAllLines(dir.resolve("out.rejects.jsonl"));
      assertThat(rejects).hasSize(3);
      assertThat(rejects.get(0)).contains("\"line\":3");
      assertThat(rejects.get(1)).contains("duplicate custom_id 'a' (first on line 1)");
      assertThat(rejects.get(2)).contains("'prompt'");

      // a crash after c's and f's responses were stored but before they were marked finished
      // (and before any output checkpoint): the journal holds a, b and d only
      String id = BatchRuns.batchId(dir);
      List<ItemRecord> kept = new java.util.ArrayList<>();
      store.forEachItem(
          id,
          0,
          r -> {
            if (!List.of("c", "f").contains(r.customId())) {
              kept.add(r);
            }
          });
      store.resetBatch(id);
      kept.forEach(r -> store.finishItem(id, r));
      FakeProvider fake2 = FakeProvider.echo("fake");
      BatchSummary resumed = BatchRuns.run(dir, store, fake2, b -> b.retryFailed(false));
      assertThat(resumed.alreadyDone()).isEqualTo(3);
      assertThat(fake2.calls()).as("calls paid again").isZero();
      assertThat(resumed.cacheHits()).isEqualTo(2);
      assertThat(BatchRuns.output(out)).as("each item once").containsOnlyKeys("a", "b", "c", "f");
    }
  }

  @Test
  void aKilledRunsOutputIsCutBackToTheCheckpointAndCompletedFromTheJournal() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      sb.append("{\"custom_id\": \"i")
          .append(i)
          .append("\", \"prompt\": \"q")
          .append(i)
          .append("\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), sb);
    Path out = dir.resolve("out.jsonl");
    try (SqliteJournalStore store = SqliteJournalStore.open(dir.resolve("j.db"))) {
      BatchRuns.run(dir, store, FakeProvider.echo("fake"), b -> b.window(8));
      // what a kill leaves: the file longer than its checkpoint (a half line), or shorter
      BatchState st = store.openBatch(BatchRuns.batchId(dir), "", "");
      Files.writeString(
          out,
          Files.readString(out) + "{\"custom_id\": \"i7\", \"te",
          java.nio.file.StandardOpenOption.WRITE);
      FakeProvider again = FakeProvider.echo("fake");
      BatchRuns.run(dir, store, again, b -> b);
      assertThat(again.calls()).isZero();
      assertThat(BatchRuns.output(out)).hasSize(2500);
      assertThat(Files.size(out)).isEqualTo(st.outputBytes());

      store.checkpointOutput(BatchRuns.batchId(dir), 5, 999_999_999);
      BatchRuns.run(dir, store, again, b -> b);
      assertThat(BatchRuns.output(out))
          .as("a file shorter than its checkpoint is written again whole")
          .hasSize(2500);
    }
  }

  @Test
  void sampleIndexKeepsSamplesApart() {
    ChatRequest a = ChatRequest.builder(BatchRuns.MODEL).user("q").sampleIndex(0).build();
    ChatRequest b = ChatRequest.builder(BatchRuns.MODEL).user("q").sampleIndex(1).build();
    assertThat(a.identity()).isNotEqualTo(b.identity());
  }
}
