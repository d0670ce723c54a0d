package io.chorus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads JMH's JSON result file ({@code -rf json}) into report lines. */
final class Jmh {
  private Jmh() {}

  /** One Markdown bullet per benchmark; a note when the file is missing or unreadable. */
  static String summary(Path json) {
    if (!Files.exists(json)) {
      return "- JMH: no result file (" + json + ").\n";
    }
    try {
      return summary(Files.readString(json));
    } catch (IOException e) {
      return "- JMH: unreadable result file: " + e.getMessage() + "\n";
    }
  }

  static String summary(String text) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (JsonNode b : Json.MAPPER.readTree(text)) {
      String name = b.path("benchmark").asText();
      String method = name.substring(name.lastIndexOf('.') + 1);
      JsonNode m = b.path("primaryMetric");
      double score = m.path("score").asDouble();
      String unit = m.path("scoreUnit").asText();
      sb.append(
          Report.fmt(
              "- JMH `%s`: %.2f ± %.2f %s (%s, %d thread(s), %d fork(s))",
              method,
              score,
              m.path("scoreError").asDouble(),
              unit,
              b.path("mode").asText(),
              b.path("threads").asInt(),
              b.path("forks").asInt()));
      // a benchmark named like fanOut1000 runs that many calls per operation
      java.util.regex.Matcher batch = java.util.regex.Pattern.compile("(\\d+)$").matcher(method);
      if (batch.find() && Long.parseLong(batch.group(1)) > 1 && unit.endsWith("/op")) {
        sb.append(
            Report.fmt(
                " = %.2f %s per call",
                score / Long.parseLong(batch.group(1)), unit.substring(0, unit.length() - 3)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
