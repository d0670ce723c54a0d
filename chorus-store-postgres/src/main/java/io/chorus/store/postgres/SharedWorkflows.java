package io.chorus.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.batch.BatchWorkflow;
import io.chorus.core.ModelId;
import io.chorus.core.ResponseCache;
import io.chorus.patterns.spec.PatternSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A batch's workflow as the text a shared store keeps ({@link SharedBatch#spec}), so that a worker
 * that never saw the command line or the spec file runs the same workflow: {@code
 * {"kind":"call","model":"sim:fast"}} or {@code {"kind":"pattern","yaml":"<the spec file>"}}.
 */
public final class SharedWorkflows {

  private static final ObjectMapper JSON = io.chorus.common.internal.Json.MAPPER;

  private SharedWorkflows() {}

  /** One call per item on {@code model} (lines may name their own). */
  public static String call(ModelId model) {
    return JSON.createObjectNode().put("kind", "call").put("model", model.toString()).toString();
  }

  /** A pattern spec (the YAML text of a {@code --workflow} file). */
  public static String pattern(String yaml) {
    return JSON.createObjectNode().put("kind", "pattern").put("yaml", yaml).toString();
  }

  /**
   * The workflow a spec describes.
   *
   * @param journal the batch's response cache, for a call workflow (see {@link BatchWorkflow#call})
   * @throws IllegalArgumentException when the spec is not one this version knows
   */
  public static BatchWorkflow workflow(String spec, ResponseCache journal) {
    JsonNode n;
    try {
      n = JSON.readTree(spec);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the batch's workflow spec is not JSON: " + e.getMessage());
    }
    String kind = n.path("kind").asText("");
    return switch (kind) {
      case "call" -> BatchWorkflow.call(ModelId.parse(n.path("model").asText()), journal);
      case "pattern" -> BatchWorkflow.pattern(loadPattern(n.path("yaml").asText()));
      default ->
          throw new IllegalArgumentException(
              "the batch's workflow kind '"
                  + kind
                  + "' is not known to this Chorus (call, pattern)");
    };
  }

  /** The default model of a call spec, or null for a pattern. */
  public static ModelId callModel(String spec) {
    try {
      JsonNode n = JSON.readTree(spec);
      return "call".equals(n.path("kind").asText())
          ? ModelId.parse(n.path("model").asText())
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * PatternSpecs reads files (its messages name file and line): the stored text goes through one.
   */
  private static io.chorus.patterns.spec.PatternSpec loadPattern(String yaml) {
    try {
      Path tmp = Files.createTempFile("chorus-workflow-", ".yaml");
      try {
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
        return PatternSpecs.load(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the batch's workflow spec", e);
    }
  }
}
