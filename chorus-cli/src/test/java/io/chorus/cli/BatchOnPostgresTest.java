package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.store.postgres.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chorus batch --store postgresql://…} on a real PostgreSQL started by the test. */
class BatchOnPostgresTest {

  @TempDir Path dir;

  static final ObjectMapper JSON = new ObjectMapper();

  private void input(int n) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append("{\"custom_id\": \"item-")
          .append(i)
          .append("\", \"prompt\": \"question ")
          .append(i)
          .append("\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), sb.toString());
  }

  @Test
  void aBatchKeepsItsJournalInPostgresAndAnotherDirectoryIsAnsweredFromIt() throws Exception {
    input(12);
    String url = TestPostgres.freshDatabase();
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
            "--store",
            url);
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(JSON.readTree(r.out).path("succeeded").asInt()).isEqualTo(12);
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(12);
    assertThat(Files.exists(dir.resolve(".chorus/batch.db")))
        .as("no SQLite journal beside it")
        .isFalse();

    // another working directory and another batch (its own output), the store named in chorus.yaml:
    // the same requests are not paid again
    Path other = Files.createDirectories(dir.resolve("elsewhere"));
    Files.copy(dir.resolve("in.jsonl"), other.resolve("in.jsonl"));
    Files.writeString(other.resolve("chorus.yaml"), "store: " + url + "\n");
    CliRun again =
        CliRun.run(
            other,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "answers.jsonl",
            "--model",
            "sim:instant",
            "--json");
    assertThat(again.exitCode).as(again.toString()).isZero();
    JsonNode s = JSON.readTree(again.out);
    assertThat(s.path("cache_hits").asLong()).as("answered from the shared journal").isEqualTo(12);
    assertThat(s.path("journal").asText()).isEqualTo(url);
  }

  @Test
  void workersStatusAndExportOnASharedBatch() throws Exception {
    input(40);
    String url = TestPostgres.freshDatabase();
    CliRun first =
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
            "--store",
            url);
    assertThat(first.exitCode).as(first.toString()).isZero();
    String batchId = JSON.readTree(first.out).path("batch_id").asText();

    CliRun status = CliRun.run(dir, Map.of(), "batch", "status", "--store", url);
    assertThat(status.exitCode).as(status.toString()).isZero();
    assertThat(status.out)
        .contains("batch " + batchId + ": 40/40 done, 0 failed")
        .contains("complete")
        .contains("worker ");

    // a second batch submitted by one machine, worked on by two workers elsewhere, exported by a
    // third
    Path other = Files.createDirectories(dir.resolve("w1"));
    Files.copy(dir.resolve("in.jsonl"), other.resolve("in.jsonl"));
    CliRun submitted =
        CliRun.run(
            other,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "second.jsonl",
            "--model",
            "sim:instant",
            "--store",
            url,
            "--json",
            "--concurrency",
            "2");
    assertThat(submitted.exitCode).as(submitted.toString()).isZero();
    CliRun idle = CliRun.run(dir, Map.of(), "worker", "--store", url);
    assertThat(idle.exitCode).as(idle.toString()).isZero();
    assertThat(idle.err).contains("no batch with unfinished items");

    CliRun exported =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "export",
            "--store",
            url,
            "--batch",
            batchId,
            "--out",
            "exported.jsonl");
    assertThat(exported.exitCode).as(exported.toString()).isZero();
    assertThat(Files.readAllLines(dir.resolve("exported.jsonl")))
        .hasSize(40)
        .containsExactlyInAnyOrderElementsOf(
            Files.readAllLines(dir.resolve("out.jsonl"))); // out.jsonl: completion order
    CliRun ambiguous =
        CliRun.run(dir, Map.of(), "batch", "export", "--store", url, "--out", "x.jsonl");
    assertThat(ambiguous.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(ambiguous.err).contains("2 batches").contains("--batch");
  }

  @Test
  void anUnreachableStoreIsOneLineNamingHostAndPortAndExitThree() throws Exception {
    input(2);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    CliRun r =
        CliRun.run(
            dir,
            Map.of("PGPASSWORD", "top-secret-pw"),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant",
            "--store",
            "postgresql://app@127.0.0.1:" + port + "/chorus");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err)
        .contains("cannot reach the PostgreSQL store at 127.0.0.1:" + port)
        .doesNotContain("top-secret-pw");
    assertThat(r.err.strip().lines().filter(l -> l.contains("PostgreSQL")).count()).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("out.jsonl"))).isFalse();
  }

  @Test
  void aPasswordInChorusYamlIsRefused() throws Exception {
    input(1);
    Files.writeString(
        dir.resolve("chorus.yaml"), "store: postgresql://app:hunter2@127.0.0.1/chorus\n");
    CliRun r =
        CliRun.run(
            dir, Map.of(), "batch", "in.jsonl", "--out", "out.jsonl", "--model", "sim:instant");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err)
        .contains("chorus.yaml")
        .contains("a password does not belong in chorus.yaml")
        .doesNotContain("hunter2");
  }
}
