package io.chorus.common.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one reader of user YAML (chorus.yaml, agent front matter, pattern specs, simulator configs):
 * a document read into a Jackson tree together with the line and column of every mapping key,
 * sequence item and value, keyed by JSON pointer ({@code /error_handling/max_retries}), so that
 * every error can name file, line and key. Internal: not part of any module's public API.
 *
 * <p>Read over SnakeYAML's composed node tree ({@link Composer}), which carries a start mark on
 * every node; Jackson's tree model drops locations and silently keeps the last of duplicate keys,
 * here both are reported ({@link #duplicates()}; each caller decides whether a duplicate is an
 * error).
 *
 * <h2>Scalars: YAML 1.2's core schema</h2>
 *
 * SnakeYAML resolves scalars by YAML 1.1, where {@code yes}, {@code no}, {@code on}, {@code off}
 * are booleans (vote options {@code [yes, no]} became {@code true/false}), {@code 1:30} is a
 * base-60 integer and {@code 012} octal. Every plain scalar is resolved here by YAML 1.2's core
 * schema instead: {@code null}, {@code ~} and empty are null; only {@code true}/{@code false} (any
 * case) are booleans; {@code 12}, {@code -3}, {@code 0x1F}, {@code 0o17} (and {@code 1_000}, as
 * YAML 1.1 allowed) are integers; {@code 1.5}, {@code 1e3}, {@code .inf}, {@code .nan} are numbers;
 * everything else, and every quoted scalar, is text.
 */
public final class LocatedYaml {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern INT = Pattern.compile("[-+]?[0-9][0-9_]*");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");

  /** Where something stands in the text: 1-based line and column. */
  public record Position(int line, int column) {}

  /**
   * A key written twice in one mapping: the tree keeps the last value.
   *
   * @param pointer the key's JSON pointer
   * @param key the key
   * @param line the line of the repeated key
   * @param firstLine the line of its first occurrence
   */
  public record Duplicate(String pointer, String key, int line, int firstLine) {}

  /**
   * The text is not YAML: {@link #line}, {@link #column} and {@link #problem} say where and why.
   */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String problem;

    Invalid(int line, int column, String problem, @Nullable Throwable cause) {
      super(line + ":" + column + ": " + problem, cause);
      this.line = line;
      this.column = column;
      this.problem = problem;
    }

    /** 1-based line of the problem, 0 when unknown. */
    public int line() {
      return line;
    }

    /** 1-based column of the problem, 0 when unknown. */
    public int column() {
      return column;
    }

    /** What is wrong, in one line ("expected ',' or ']', but got <stream end>"). */
    public String problem() {
      return problem;
    }
  }

  private final JsonNode root;
  private final Map<String, Position> keys;
  private final Map<String, Position> values;
  private final List<Duplicate> duplicates;
  private final Map<String, String> scalars;

  private LocatedYaml(JsonNode root, Builder b) {
    this.root = root;
    this.keys = Map.copyOf(b.keys);
    this.values = Map.copyOf(b.values);
    this.duplicates = List.copyOf(b.duplicates);
    this.scalars = Map.copyOf(b.scalars);
  }

  /**
   * Reads one YAML document.
   *
   * @param text the document; its first line is line 1 of every position
   * @throws Invalid when the text is not YAML (or holds more than one document)
   */
  public static LocatedYaml read(String text) throws Invalid {
    return read(text, 1);
  }

  /**
   * Reads one YAML document that starts on line {@code firstLine} of its file (the front matter of
   * an agent file): every position, and {@link Invalid#line}, is a line of that file.
   *
   * @throws Invalid when the text is not YAML (or holds more than one document)
   */
  public static LocatedYaml read(String text, int firstLine) throws Invalid {
    int offset = firstLine - 1;
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by this reader, with both lines
    Node node;
    try {
      node =
          new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options)
              .getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new Invalid(
          m == null ? 0 : m.getLine() + 1 + offset,
          m == null ? 0 : m.getColumn() + 1,
          describe(e),
          e);
    } catch (YAMLException e) {
      throw new Invalid(0, 0, String.valueOf(e.getMessage()).strip(), e);
    }
    Builder b = new Builder(offset);
    b.keys.put("", new Position(firstLine, 1));
    if (node == null) {
      return new LocatedYaml(NODES.objectNode(), b);
    }
    JsonNode root = b.convert(node, "");
    return new LocatedYaml(root, b);
  }

  /** The document; an empty object for an empty document. */
  public JsonNode root() {
    return root;
  }

  /** Position of each mapping key and sequence item, by JSON pointer (the root, "", is 1:1). */
  public Map<String, Position> keys() {
    return keys;
  }

  /** The line of each mapping key and sequence item, by JSON pointer. */
  public Map<String, Integer> lines() {
    Map<String, Integer> out = new HashMap<>();
    keys.forEach((pointer, at) -> out.put(pointer, at.line()));
    return Map.copyOf(out);
  }

  /**
   * The position of the value at {@code pointer} (of a block scalar, {@code |} or {@code >}: its
   * first line of text), or null when there is none.
   */
  public @Nullable Position valueAt(String pointer) {
    return values.get(pointer);
  }

  /**
   * The scalar at {@code pointer} as written ({@code 1.10}, {@code 0x1F}, {@code yes}), or null
   * when there is no scalar there: for readers to whom every value is text.
   */
  public @Nullable String textAt(String pointer) {
    return scalars.get(pointer);
  }

  /** Keys written twice in one mapping, in document order. */
  public List<Duplicate> duplicates() {
    return duplicates;
  }

  /**
   * The line of the key (or item) at {@code pointer}, or of its nearest ancestor that has one.
   *
   * @param pointer a JSON pointer such as {@code /input_schema/properties/query}
   */
  public int lineOf(String pointer) {
    String p = pointer;
    while (true) {
      Position at = keys.get(p);
      if (at != null) {
        return at.line();
      }
      if (p.isEmpty()) {
        return 0;
      }
      p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
    }
  }

  /**
   * The line of every key by dotted path ({@code providers.openai.base_url}, items as {@code
   * list[0]}), the form Jackson's binding errors name a field in.
   */
  public Map<String, Integer> dottedLines() {
    Map<String, Integer> out = new HashMap<>();
    keys.forEach((pointer, at) -> out.put(dotted(pointer), at.line()));
    return out;
  }

  /** The dotted path ({@code a.b[0].c}) of a JSON pointer ({@code /a/b/0/c}). */
  public String dotted(String pointer) {
    StringBuilder sb = new StringBuilder();
    JsonNode node = root;
    for (String raw : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
      String part = raw.replace("~1", "/").replace("~0", "~");
      if (node != null && node.isArray()) {
        sb.append('[').append(part).append(']');
        node = node.get(Integer.parseInt(part));
      } else {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(part);
        node = node == null ? null : node.get(part);
      }
    }
    return sb.toString();
  }

  /** The JSON pointer of {@code key} below {@code parent}. */
  public static String pointer(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** The problem and its context, without SnakeYAML's indented location and snippet lines. */
  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "syntax error" : e.getProblem().strip();
    return e.getContext() == null ? problem : e.getContext().strip() + ": " + problem;
  }

  private static final class Builder {
    final Map<String, Position> keys = new HashMap<>();
    final Map<String, Position> values = new HashMap<>();
    final List<Duplicate> duplicates = new ArrayList<>();
    final Map<String, String> scalars = new HashMap<>();
    private final int offset;

    Builder(int offset) {
      this.offset = offset;
    }

    JsonNode convert(Node node, String path) {
      Position start = at(node.getStartMark());
      if (node instanceof ScalarNode s
          && (s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
              || s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED)) {
        start = new Position(start.line() + 1, 1); // the text of "prompt: |" starts below it
      }
      values.putIfAbsent(path, start);
      if (node instanceof MappingNode m) {
        ObjectNode obj = NODES.objectNode();
        for (NodeTuple t : m.getValue()) {
          String key = keyText(t.getKeyNode());
          String child = pointer(path, key);
          Position at = at(t.getKeyNode().getStartMark());
          if (obj.has(key)) {
            duplicates.add(new Duplicate(child, key, at.line(), keys.get(child).line()));
          } else {
            keys.put(child, at);
          }
          obj.set(key, convert(t.getValueNode(), child));
        }
        return obj;
      }
      if (node instanceof SequenceNode s) {
        ArrayNode arr = NODES.arrayNode();
        int i = 0;
        for (Node item : s.getValue()) {
          String child = path + "/" + i++;
          keys.put(child, at(item.getStartMark()));
          arr.add(convert(item, child));
        }
        return arr;
      }
      ScalarNode s = (ScalarNode) node;
      scalars.put(path, s.getValue());
      return scalar(s);
    }

    private static String keyText(Node key) {
      // a complex key ({a: 1}: x, [a]: x) has no field name in a JSON tree: its text stands in
      return key instanceof ScalarNode s ? s.getValue() : String.valueOf(key);
    }

    private Position at(Mark m) {
      return new Position(m.getLine() + 1 + offset, m.getColumn() + 1);
    }
  }

  /** One scalar by YAML 1.2's core schema (see the class comment). */
  static JsonNode scalar(ScalarNode s) {
    String text = s.getValue();
    Tag tag = s.getTag();
    boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    boolean implicit =
        tag.equals(Tag.STR)
            || tag.equals(Tag.NULL)
            || tag.equals(Tag.BOOL)
            || tag.equals(Tag.INT)
            || tag.equals(Tag.FLOAT)
            || tag.equals(Tag.TIMESTAMP);
    if (!plain || !implicit) {
      return tag.equals(Tag.NULL) && text.isEmpty() ? NODES.nullNode() : NODES.textNode(text);
    }
    switch (text) {
      case "", "~", "null", "Null", "NULL" -> {
        return NODES.nullNode();
      }
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> {
        return NODES.numberNode(Double.POSITIVE_INFINITY);
      }
      case "-.inf", "-.Inf", "-.INF" -> {
        return NODES.numberNode(Double.NEGATIVE_INFINITY);
      }
      case ".nan", ".NaN", ".NAN" -> {
        return NODES.numberNode(Double.NaN);
      }
      default -> {}
    }
    if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
      return NODES.booleanNode(Boolean.parseBoolean(text));
    }
    JsonNode number = number(text);
    return number != null ? number : NODES.textNode(text);
  }

  private static @Nullable JsonNode number(String text) {
    try {
      if (text.startsWith("0x") && text.length() > 2) {
        return integer(new BigInteger(text.substring(2), 16));
      }
      if (text.startsWith("0o") && text.length() > 2) {
        return integer(new BigInteger(text.substring(2), 8));
      }
      if (INT.matcher(text).matches()) {
        return integer(new BigInteger(text.replace("_", "")));
      }
      if (FLOAT.matcher(text).matches()) {
        return NODES.numberNode(Double.parseDouble(text.replace("_", "")));
      }
    } catch (NumberFormatException e) {
      return null; // "0xZZ": text
    }
    return null;
  }

  private static JsonNode integer(BigInteger v) {
    if (v.bitLength() < 32) {
      return NODES.numberNode(v.intValue());
    }
    return v.bitLength() < 64 ? NODES.numberNode(v.longValue()) : NODES.numberNode(v);
  }
}
