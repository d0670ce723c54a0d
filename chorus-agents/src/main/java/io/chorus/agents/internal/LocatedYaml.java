package io.chorus.agents.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.agents.Problem;
import io.chorus.core.internal.Yaml12;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree together with the file line of every mapping key and
 * sequence item, keyed by JSON pointer ({@code /error_handling/max_retries}).
 *
 * <p>Written by hand over Jackson's streaming YAML parser because {@code ObjectMapper.readTree}
 * drops locations and silently keeps the last of duplicate keys; here both are reported.
 */
public final class LocatedYaml {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<String, Integer> lines;

  private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
    this.root = root;
    this.lines = lines;
  }

  /** The document; an empty object for an empty document. */
  public JsonNode root() {
    return root;
  }

  /** Line of each key / item by JSON pointer (the root, "", maps to the first line). */
  public Map<String, Integer> lines() {
    return lines;
  }

  /**
   * The file line of {@code pointer}, or of its nearest ancestor that has one.
   *
   * @param pointer a JSON pointer such as {@code /input_schema/properties/query}
   */
  public int lineOf(String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 0;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /**
   * Reads {@code yaml}, whose first line is line {@code firstLine} of {@code file}. Syntax errors
   * and duplicate keys are added to {@code problems}; on a syntax error the result is null.
   */
  public static LocatedYaml read(String file, String yaml, int firstLine, List<Problem> problems) {
    Map<String, Integer> lines = new HashMap<>();
    int offset = firstLine - 1;
    lines.put("", firstLine);
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new LocatedYaml(NODES.objectNode(), lines);
      }
      JsonNode root = value(p, "", offset, lines, file, problems);
      return new LocatedYaml(root, Map.copyOf(lines));
    } catch (JsonProcessingException e) {
      int line =
          e.getLocation() == null ? firstLine : Math.max(1, e.getLocation().getLineNr()) + offset;
      problems.add(Problem.error(file, line, "invalid YAML in front matter: " + describe(e)));
      return null;
    } catch (IOException e) {
      problems.add(Problem.error(file, firstLine, "cannot read YAML: " + e.getMessage()));
      return null;
    }
  }

  private static JsonNode value(
      JsonParser p,
      String path,
      int offset,
      Map<String, Integer> lines,
      String file,
      List<Problem> problems)
      throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode obj = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int line = p.currentTokenLocation().getLineNr() + offset;
          String child = path + "/" + escape(key);
          if (obj.has(key)) {
            problems.add(
                Problem.error(
                    file,
                    line,
                    "duplicate key '" + key + "' (first on line " + lines.get(child) + ")"));
          } else {
            lines.put(child, line);
          }
          p.nextToken();
          obj.set(key, value(p, child, offset, lines, file, problems));
        }
        return obj;
      }
      case START_ARRAY -> {
        ArrayNode arr = NODES.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String child = path + "/" + i++;
          lines.put(child, p.currentTokenLocation().getLineNr() + offset);
          arr.add(value(p, child, offset, lines, file, problems));
        }
        return arr;
      }
      case VALUE_STRING -> {
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        // YAML 1.2: only true/false are booleans; yes/no/on/off stay what the user wrote
        return Yaml12.isYaml12Boolean(p.getText())
            ? NODES.booleanNode(t == JsonToken.VALUE_TRUE)
            : NODES.textNode(p.getText());
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> {
        return NODES.textNode(p.getText());
      }
    }
  }

  /** JSON pointer escaping of one key. */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String describe(JsonProcessingException e) {
    // SnakeYAML's message interleaves the problem with indented location and snippet lines
    // (" in 'reader', line 5, column 14:", "    properties: [", "    ^"); the location is reported
    // separately, so only the unindented sentences are kept.
    String msg = e.getOriginalMessage();
    if (msg == null) {
      return "syntax error";
    }
    StringBuilder sb = new StringBuilder();
    for (String part : msg.split("\n")) {
      if (part.isBlank() || Character.isWhitespace(part.charAt(0))) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(part.strip());
    }
    return sb.length() == 0 ? msg.strip() : sb.toString();
  }
}
