package io.chorus.agents.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON value in a model's answer, in this order: a {@code ```json} fenced block, any
 * other fenced block holding JSON, the whole answer, then the first balanced {@code {...}} that
 * parses. Models wrap JSON in prose and fences despite instructions, hence the leniency.
 */
public final class JsonAnswer {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern FENCE = Pattern.compile("```[ \\t]*([A-Za-z0-9_-]*)[^\\n]*\\n(.*?)```", Pattern.DOTALL);

  private JsonAnswer() {}

  public static Optional<JsonNode> extract(String text) {
    List<String> jsonFences = new ArrayList<>();
    List<String> otherFences = new ArrayList<>();
    Matcher m = FENCE.matcher(text);
    while (m.find()) {
      (m.group(1).equalsIgnoreCase("json") ? jsonFences : otherFences).add(m.group(2));
    }
    for (List<String> fences : List.of(jsonFences, otherFences)) {
      for (String f : fences) {
        Optional<JsonNode> node = parse(f);
        if (node.isPresent() && node.get().isContainerNode()) {
          return node;
        }
      }
    }
    Optional<JsonNode> whole = parse(text);
    if (whole.isPresent() && whole.get().isContainerNode()) {
      return whole;
    }
    for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
      int end = matchingBrace(text, start);
      if (end > start) {
        Optional<JsonNode> node = parse(text.substring(start, end + 1));
        if (node.isPresent()) {
          return node;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> parse(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readTree(t));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The index of the brace closing the one at {@code start}, skipping strings; -1 if none. */
  static int matchingBrace(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
