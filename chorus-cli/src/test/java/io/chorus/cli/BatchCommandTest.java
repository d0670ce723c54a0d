package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

  @TempDir Path dir;

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void batchOnTheSimulatorWithRejectsThenResume() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      sb.append("{\"custom_id\": \"item-")
          .append(i)
          .append("\", \"prompt\": \"question ")
          .append(i)
          .append("\"}\n");
    }
    sb.append("{broken\n");
    Files.writeString(dir.resolve("in.jsonl"), sb.toString());
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant",
            "--json",
            "--report",
            "run.html");
    assertThat(r.exitCode).as(r.toString()).isZero();
    JsonNode summary = JSON.readTree(r.out);
    assertThat(summary.path("succeeded").asInt()).isEqualTo(20);
    assertThat(summary.path("rejected").asInt()).isEqualTo(1);
    assertThat(r.err)
        .contains("answers are synthetic")
        .contains("1 malformed line(s)")
        .contains("line 21");
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(20);
    assertThat(Files.readString(dir.resolve("out.rejects.jsonl"))).contains("\"line\":21");
    assertThat(Files.readString(dir.resolve("run.html")))
        .contains("<svg id=\"timeline\"")
        .contains("id=\"synthetic\"");
    assertThat(Files.exists(dir.resolve(".chorus/batch.db"))).isTrue();

    CliRun again =
        CliRun.run(
            dir, Map.of(), "batch", "in.jsonl", "--out", "out.jsonl", "--model", "sim:instant");
    assertThat(again.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err).contains("add --resume to continue it or --restart to start over");

    CliRun resumed =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant",
            "--resume",
            "--json");
    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    JsonNode s2 = JSON.readTree(resumed.out);
    assertThat(s2.path("already_done").asInt()).isEqualTo(20);
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(20);

    CliRun restarted =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant",
            "--restart",
            "--json");
    JsonNode s3 = JSON.readTree(restarted.out);
    assertThat(s3.path("cache_hits").asLong())
        .as("the journal answers a restarted batch")
        .isEqualTo(20);
  }

  @Test
  void aVoteWorkflowRunsOverEveryLineAndResumesFromTheJournal() throws Exception {
    Files.writeString(
        dir.resolve("vote.yaml"),
        """
        kind: vote
        name: spam
        model: sim:instant
        options: [spam, ham]
        samples: {count: 3, temperature: 0.8}
        """);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      sb.append("{\"custom_id\": \"m")
          .append(i)
          .append("\", \"prompt\": \"Is message ")
          .append(i)
          .append(" spam?\"}\n");
    }
    sb.append("{\"custom_id\": \"empty\"}\n");
    Files.writeString(dir.resolve("in.jsonl"), sb.toString());
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--workflow",
            "vote.yaml",
            "--out",
            "out.jsonl",
            "--json");
    assertThat(r.exitCode).as(r.toString()).isZero();
    var lines = byId(dir.resolve("out.jsonl"));
    assertThat(lines).hasSize(4);
    JsonNode first = lines.get("m1");
    assertThat(first.path("kind").asText()).isEqualTo("vote");
    assertThat(first.path("text").asText()).isIn("spam", "ham");
    assertThat(JSON.readTree(r.out).path("rejected").asInt()).isEqualTo(1);
    // every one of the 12 calls (3 samples x 4 items, sample index in the identity) is in the
    // journal
    CliRun again =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--workflow",
            "vote.yaml",
            "--out",
            "out.jsonl",
            "--restart",
            "--json");
    assertThat(JSON.readTree(again.out).path("cache_hits").asLong()).isEqualTo(12);
    // same decisions; nothing paid this time, so the usage of the second run is zero
    var again2 = byId(dir.resolve("out.jsonl"));
    assertThat(again2.keySet()).isEqualTo(lines.keySet());
    for (String id : lines.keySet()) {
      assertThat(again2.get(id).path("text")).isEqualTo(lines.get(id).path("text"));
      assertThat(again2.get(id).path("usage").path("output_tokens").asLong()).isZero();
    }
  }

  /** The output in completion order, by custom_id (each once). */
  static Map<String, JsonNode> byId(Path file) throws Exception {
    Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
    for (String l : Files.readAllLines(file)) {
      JsonNode n = JSON.readTree(l);
      assertThat(m.put(n.path("custom_id").asText(), n)).as("each custom_id once").isNull();
    }
    return m;
  }

  @Test
  void itemsThatFailForGoodGoToTheDeadLetterFile() throws Exception {
    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"custom_id": "ok", "prompt": "hello"}
        {"custom_id": "down", "prompt": "hello", "model": "ollama:llama3.2"}
        """);
    // nothing listens on port 1: the ollama call fails for good
    CliRun r =
        CliRun.run(
            dir,
            Map.of("OLLAMA_HOST", "127.0.0.1:1", "CHORUS_RETRIES", "0"),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(Files.readAllLines(dir.resolve("out.jsonl")))
        .singleElement()
        .asString()
        .contains("\"custom_id\":\"ok\"");
    JsonNode dead = JSON.readTree(Files.readAllLines(dir.resolve("out.dead.jsonl")).get(0));
    assertThat(dead.path("custom_id").asText()).isEqualTo("down");
    assertThat(dead.path("error_kind").asText()).isEqualTo("connection_failed");
    assertThat(r.err).contains("1 failed").doesNotContain("\tat ");
  }
}
