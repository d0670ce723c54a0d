package io.chorus.patterns.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.internal.LocatedYaml;
import io.chorus.common.internal.TemplateText;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.patterns.PromptTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pattern spec read into a tree that remembers the line of every key (through the one YAML
 * reader, {@link LocatedYaml}), with the typed look-ups every spec reader uses, so that every error
 * can name file, line and key. Paths are dotted ({@code steps[0].prompt}).
 */
final class SpecTree {

  final Path file;
  final JsonNode root;
  private final Map<String, Integer> lines;
  private final Map<String, Integer> valueLines = new HashMap<>();

  private SpecTree(Path file, LocatedYaml yaml) {
    this.file = file;
    this.root = yaml.root();
    this.lines = yaml.dottedLines();
    for (String pointer : yaml.keys().keySet()) {
      LocatedYaml.Position at = yaml.valueAt(pointer);
      if (at != null) {
        valueLines.put(yaml.dotted(pointer), at.line());
      }
    }
  }

  static SpecTree read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new SpecException(file, 0, "", "cannot read the file: " + e, e);
    }
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.read(text);
    } catch (LocatedYaml.Invalid e) {
      throw new SpecException(file, e.line(), "", "not valid YAML: " + e.problem(), e);
    }
    if (!yaml.duplicates().isEmpty()) {
      LocatedYaml.Duplicate d = yaml.duplicates().get(0);
      throw new SpecException(
          file,
          d.line(),
          yaml.dotted(d.pointer()),
          "written twice (first on line " + d.firstLine() + ")",
          null);
    }
    return new SpecTree(file, yaml);
  }

  /** The line of {@code path}, or of its nearest ancestor that has one. */
  int line(String path) {
    String p = path;
    while (true) {
      Integer l = lines.get(p);
      if (l != null) {
        return l;
      }
      if (p.isEmpty()) {
        return 0;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }

  SpecException error(String path, String problem) {
    return new SpecException(file, line(path), path, problem, null);
  }

  SpecException error(String path, String problem, Throwable cause) {
    return new SpecException(file, line(path), path, problem, cause);
  }

  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** Fails naming the first key of {@code node} that is not in {@code known}. */
  void onlyKeys(JsonNode node, String path, Set<String> known) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                throw error(
                    join(path, k),
                    "unknown key (known keys: " + String.join(", ", new TreeSet<>(known)) + ")");
              }
            });
  }

  JsonNode object(JsonNode parent, String path, String key, boolean required) {
    JsonNode n = parent.get(key);
    String p = join(path, key);
    if (n == null || n.isNull()) {
      if (required) {
        throw error(path, "'" + key + "' is missing");
      }
      return null;
    }
    if (!n.isObject()) {
      throw error(p, "must be a mapping of keys to values");
    }
    return n;
  }

  List<JsonNode> list(JsonNode parent, String path, String key, boolean required) {
    JsonNode n = parent.get(key);
    String p = join(path, key);
    if (n == null || n.isNull()) {
      if (required) {
        throw error(path, "'" + key + "' is missing");
      }
      return List.of();
    }
    if (!n.isArray()) {
      throw error(p, "must be a list");
    }
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    if (required && out.isEmpty()) {
      throw error(p, "must not be empty");
    }
    return out;
  }

  String text(JsonNode parent, String path, String key, boolean required) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw error(path, "'" + key + "' is missing");
      }
      return null;
    }
    if (n.isContainerNode()) {
      throw error(join(path, key), "must be text, not a " + (n.isArray() ? "list" : "mapping"));
    }
    String s = n.asText();
    if (required && s.isBlank()) {
      throw error(join(path, key), "must not be blank");
    }
    return s;
  }

  List<String> texts(JsonNode parent, String path, String key, boolean required) {
    JsonNode n = parent.get(key);
    if (n != null && n.isTextual()) { // "a, b, c" is accepted too
      List<String> out = new ArrayList<>();
      for (String s : n.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
      return out;
    }
    List<String> out = new ArrayList<>();
    List<JsonNode> items = list(parent, path, key, required);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isContainerNode()) {
        throw error(join(path, key) + "[" + i + "]", "must be text");
      }
      out.add(items.get(i).asText());
    }
    return out;
  }

  /**
   * The prompt template at {@code key}, or null when absent. A malformed variable ({@code {{ two
   * words }}}, an unclosed <code>&#123;&#123;</code>) fails naming the file and the line of the
   * template it stands on, and so does a variable not in {@code known} (when not null): a spec's
   * template never fails later with no file to name.
   */
  PromptTemplate template(
      JsonNode parent, String path, String key, boolean required, Set<String> known, String why) {
    String text = text(parent, path, key, required);
    if (text == null) {
      return null;
    }
    String p = join(path, key);
    Integer first = valueLines.get(p);
    int firstLine = first != null ? first : line(p);
    List<TemplateText.Error> errors = new ArrayList<>();
    TemplateText scan =
        TemplateText.scan(file.getFileName().toString(), text, firstLine, false, errors);
    if (!errors.isEmpty()) {
      throw new SpecException(file, errors.get(0).line(), p, errors.get(0).message(), null);
    }
    if (known != null) {
      for (TemplateText.Slot v : scan.slots()) {
        if (!known.contains(v.name())) {
          throw new SpecException(file, v.line(), p, "uses " + v.written() + why, null);
        }
      }
    }
    return PromptTemplate.of(text);
  }

  Double number(JsonNode parent, String path, String key, double min, double max) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    String p = join(path, key);
    if (!n.isNumber()) {
      throw error(
          p,
          "must be a number in [" + fmt(min) + ", " + fmt(max) + "], was \"" + n.asText() + "\"");
    }
    double v = n.asDouble();
    if (v < min || v > max) {
      throw error(p, "must be a number in [" + fmt(min) + ", " + fmt(max) + "], was " + fmt(v));
    }
    return v;
  }

  Integer integer(JsonNode parent, String path, String key, int min, int max) {
    Double d = number(parent, path, key, min, max);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d)) {
      throw error(join(path, key), "must be a whole number, was " + fmt(d));
    }
    return d.intValue();
  }

  boolean bool(JsonNode parent, String path, String key) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw error(join(path, key), "must be true or false, was \"" + n.asText() + "\"");
    }
    return n.asBoolean();
  }

  ModelId model(JsonNode parent, String path, String key) {
    String s = text(parent, path, key, false);
    if (s == null) {
      return null;
    }
    try {
      return ModelId.parse(s.strip());
    } catch (IllegalArgumentException e) {
      throw error(join(path, key), e.getMessage(), e);
    }
  }

  FailurePolicy policy(JsonNode parent, String path) {
    String s = text(parent, path, "policy", false);
    if (s == null) {
      return FailurePolicy.IGNORE;
    }
    try {
      return FailurePolicy.parse(s);
    } catch (IllegalArgumentException e) {
      throw error(join(path, "policy"), e.getMessage(), e);
    }
  }

  Map<String, String> strings(JsonNode parent, String path, String key) {
    JsonNode o = object(parent, path, key, false);
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.properties()
          .forEach(
              e -> {
                if (e.getValue().isContainerNode()) {
                  throw error(join(join(path, key), e.getKey()), "must be text");
                }
                out.put(e.getKey(), e.getValue().asText());
              });
    }
    return out;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
