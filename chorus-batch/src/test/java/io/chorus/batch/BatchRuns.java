package io.chorus.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.Provider;
import io.chorus.core.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs a one-call batch over {@code dir/in.jsonl} into {@code dir/out.jsonl}, for the tests. */
public final class BatchRuns {

  public static final ModelId MODEL = ModelId.parse("fake:m");
  static final ObjectMapper JSON = new ObjectMapper();

  private BatchRuns() {}

  public static String batchId(Path dir) {
    return BatchRunner.batchId(dir.resolve("out.jsonl"), "call " + MODEL);
  }

  public static BatchSummary run(
      Path dir, JournalStore store, Provider provider, UnaryOperator<BatchRunner.Builder> configure)
      throws Exception {
    String batchId = batchId(dir);
    JournalResponseCache cache = new JournalResponseCache(store, batchId, false);
    BatchRunner runner =
        configure
            .apply(
                BatchRunner.builder()
                    .journal(store)
                    .batchId(batchId)
                    .workflow(BatchWorkflow.call(MODEL, cache))
                    .cache(cache)
                    .files(BatchFiles.of(dir.resolve("in.jsonl"), dir.resolve("out.jsonl"))))
            .build();
    runner.plan();
    try (Engine e =
        Engine.builder().provider(provider).cache(cache).retry(RetryPolicy.NONE).build()) {
      return runner.run(e);
    }
  }

  /** The output's lines by {@code custom_id}; fails on an id seen twice. */
  public static Map<String, JsonNode> output(Path file) throws Exception {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (String l : Files.readAllLines(file)) {
      JsonNode n = JSON.readTree(l);
      if (byId.put(n.path("custom_id").asText(), n) != null) {
        throw new AssertionError("custom_id " + n.path("custom_id").asText() + " twice in " + file);
      }
    }
    return byId;
  }
}
