package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.core.ModelId;
import io.chorus.store.postgres.PostgresLocation;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.SharedWorkflows;
import io.chorus.store.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chorus worker}: two workers in separate directories share a submitted batch through the
 * store.
 */
class WorkerCommandTest {

  @TempDir Path dir;

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void twoWorkersInSeparateDirectoriesFinishASubmittedBatchOnce() throws Exception {
    String url = TestPostgres.freshDatabase();
    List<BatchItem> items = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      ObjectNode o =
          JSON.createObjectNode().put("custom_id", "q" + i).put("prompt", "question " + i);
      items.add(new BatchItem(i, "q" + i, "c" + i, o));
    }
    try (PostgresStore s = PostgresStore.open(PostgresLocation.parse(url, Map.of(), dir))) {
      new SharedBatches(s)
          .submit(
              "shared",
              "call sim:instant",
              SharedWorkflows.call(ModelId.parse("sim:instant")),
              items,
              false);
    }
    List<Future<CliRun>> runs = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String name : List.of("a", "b")) {
        Path wd = Files.createDirectories(dir.resolve(name));
        runs.add(
            pool.submit(
                () ->
                    CliRun.run(
                        wd,
                        Map.of(),
                        "worker",
                        "--store",
                        url,
                        "--concurrency",
                        "3",
                        "--lease",
                        "5s")));
      }
      for (Future<CliRun> f : runs) {
        CliRun r = f.get();
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err).contains("batch shared:");
      }
    }
    CliRun status = CliRun.run(dir, Map.of(), "batch", "status", "--store", url, "--json");
    assertThat(status.exitCode).as(status.toString()).isZero();
    var node = JSON.readTree(status.out).get(0);
    assertThat(node.path("done").asInt()).isEqualTo(30);
    assertThat(node.path("complete").asBoolean()).isTrue();
    CliRun exported =
        CliRun.run(dir, Map.of(), "batch", "export", "--store", url, "--out", "out.jsonl");
    assertThat(exported.exitCode).as(exported.toString()).isZero();
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) {
      assertThat(ids.add(JSON.readTree(line).path("custom_id").asText())).isTrue();
    }
    assertThat(ids).hasSize(30);
  }
}
