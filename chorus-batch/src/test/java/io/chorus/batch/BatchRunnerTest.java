package io.chorus.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.batch.internal.SingleCallWorkflow;
import io.chorus.batch.internal.SqliteJournalStore;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import io.chorus.testing.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {

  @TempDir Path dir;

  static final ModelId MODEL = ModelId.parse("fake:m");
  static final ObjectMapper JSON = new ObjectMapper();

  private Path input() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, String.join("\n",
        "{\"custom_id\": \"a\", \"prompt\": \"one\"}",
        "{\"custom_id\": \"b\", \"prompt\": \"two\"}",
        "this is not json",
        "",
        "{\"custom_id\": \"c\", \"messages\": [{\"role\": \"user\", \"content\": \"three\"}]}",
        "{\"custom_id\": \"d\", \"prompt\": \"bad\"}",
        "{\"custom_id\": \"a\", \"prompt\": \"dup\"}",
        "{\"custom_id\": \"e\"}",
        "{\"custom_id\": \"f\", \"body\": {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"four\"}]}}"));
    return in;
  }

  private static Engine engine(FakeProvider fake, JournalResponseCache cache) {
    return Engine.builder().provider(fake).cache(cache).retry(RetryPolicy.NONE).build();
  }

  @Test
  void rejectsDeadLettersAndAResumeThatPaysNothingTwice() throws Exception {
    Path in = input();
    Path out = dir.resolve("out.jsonl");
    Path dead = dir.resolve("out.dead.jsonl");
    Path rejects = dir.resolve("out.rejects.jsonl");
    FakeProvider fake = FakeProvider.builder("fake")
        .onMessage("bad", FakeProvider.Reply.error(new ProviderError.InvalidRequest("no", 400)))
        .build();
    try (SqliteJournalStore store = SqliteJournalStore.open(dir.resolve("j.db"))) {
      assertThat(store.journalMode()).isEqualTo("wal");
      JournalResponseCache cache = new JournalResponseCache(store, "b1", true);
      SingleCallWorkflow wf = new SingleCallWorkflow(MODEL, cache);
      BatchInput items = BatchInput.read(in, wf::validate);
      assertThat(items.items()).extracting(BatchItem::customId).containsExactly("a", "b", "c", "d", "f");
      assertThat(items.rejects()).extracting(Reject::line).containsExactly(3, 7, 8);
      assertThat(items.rejects().get(1).error()).contains("duplicate custom_id 'a' (first on line 1)");
      assertThat(items.rejects().get(2).error()).contains("'prompt'");
      store.openBatch("b1", in.toString(), wf.describe());
      BatchRunner runner = BatchRunner.builder().journal(store).batchId("b1").workflow(wf).build();
      try (Engine e = engine(fake, cache)) {
        runner.run(e, items.items());
      }
      BatchSummary s = runner.writeFiles(items.items(), items.rejects(), out, dead, rejects, 0, cache.hits());
      assertThat(s.succeeded()).isEqualTo(4);
      assertThat(s.failed()).isEqualTo(1);
      assertThat(s.complete()).isTrue();
      assertThat(fake.calls()).isEqualTo(5);
      List<String> lines = Files.readAllLines(out);
      assertThat(lines).hasSize(4);
      assertThat(lines).allMatch(l -> l.contains("\"text\":\"echo: "));
      assertThat(JSON.readTree(lines.get(0)).path("custom_id").asText()).isEqualTo("a");
      assertThat(JSON.readTree(Files.readAllLines(dead).get(0)).path("error_kind").asText()).isEqualTo("invalid_request");
      assertThat(Files.readAllLines(rejects)).hasSize(3).first().asString().contains("\"line\":3");

      // a crash after c's response was stored but before c was marked finished: forget c and f,
      // keep their stored responses; the resume must answer them from the journal
      store.resetBatch("b1");
      for (BatchItem i : items.items()) {
        if (!List.of("c", "f").contains(i.customId())) {
          store.finishItem("b1", new ItemRecord(0, i.line(), i.customId(), i.content(), ItemStatus.SUCCEEDED,
              "{\"custom_id\":\"" + i.customId() + "\",\"line\":" + i.line() + "}"));
        }
      }
      JournalResponseCache cache2 = new JournalResponseCache(store, "b1", false);
      FakeProvider fake2 = FakeProvider.echo("fake");
      int skipped;
      try (Engine e = engine(fake2, cache2)) {
        skipped = BatchRunner.builder().journal(store).batchId("b1").workflow(new SingleCallWorkflow(MODEL, cache2)).build()
            .run(e, items.items());
      }
      assertThat(skipped).isEqualTo(3);
      assertThat(fake2.calls()).as("calls paid again").isZero();
      assertThat(cache2.hits()).isEqualTo(2);
      runner.writeFiles(items.items(), items.rejects(), out, dead, rejects, skipped, cache2.hits());
      Set<String> ids = new HashSet<>();
      for (String l : Files.readAllLines(out)) {
        assertThat(ids.add(JSON.readTree(l).path("custom_id").asText())).as("each item once").isTrue();
      }
      assertThat(ids).containsExactlyInAnyOrder("a", "b", "c", "d", "f");
    }
  }

  @Test
  void journalKeepsResponsesAcrossReopenAndKeysItemsById() {
    Path db = dir.resolve("j.db");
    ChatResponse r = new ChatResponse("hi", StopReason.END_TURN, Usage.of(1, 2), MODEL, "req_1", Duration.ofMillis(5),
        Duration.ofMillis(2), null, null, true);
    String id = ChatRequest.of("fake:m", "x").identity();
    try (SqliteJournalStore s = SqliteJournalStore.open(db)) {
      s.openBatch("b", "in", "wf");
      s.putResponse(id, "b", r);
      long first = s.finishItem("b", new ItemRecord(0, 1, "a", "c1", ItemStatus.SUCCEEDED, "{\"first\":1}"));
      long second = s.finishItem("b", new ItemRecord(0, 1, "a", "c2", ItemStatus.SUCCEEDED, "{\"second\":1}"));
      assertThat(second).as("a replaced item comes after every earlier one").isGreaterThan(first);
    }
    try (SqliteJournalStore s = SqliteJournalStore.open(db)) {
      assertThat(s.openBatch("b", "in", "wf").existed()).isTrue();
      assertThat(s.response(id, null)).contains(r.withTiming(Duration.ofMillis(5), Duration.ofMillis(2)));
      assertThat(s.response(id, "other")).isEmpty();
      List<ItemRecord> items = new java.util.ArrayList<>();
      s.forEachItem("b", 0, items::add);
      assertThat(items).singleElement().extracting(ItemRecord::json).isEqualTo("{\"second\":1}");
      assertThat(s.item("b", "a")).get().extracting(ItemRecord::content).isEqualTo("c2");
      assertThat(s.responseCount()).isEqualTo(1);
    }
  }

  @Test
  void sampleIndexKeepsSamplesApart() {
    ChatRequest a = ChatRequest.builder(MODEL).user("q").sampleIndex(0).build();
    ChatRequest b = ChatRequest.builder(MODEL).user("q").sampleIndex(1).build();
    assertThat(a.identity()).isNotEqualTo(b.identity());
  }
}
