package io.chorus.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON value that follows a JSON Schema, for a simulated tool call's arguments or a JSON answer:
 * objects get every property, enums their first value, arrays one item, numbers the numbers of the
 * prompt in order (so {@code "What is 17 plus 25?"} calls {@code add} with 17 and 25), strings the
 * prompt's quoted phrases in order, else {@code text}. Seeded, so an identical request gets an
 * identical value. Not a validator: {@code $ref} and keywords it does not know give an empty value.
 */
final class SchemaInstance {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Pattern QUOTED = Pattern.compile("[\"'“]([^\"'”]+)[\"'”]");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Deque<String> numbers = new ArrayDeque<>();
  private final Deque<String> strings = new ArrayDeque<>();
  private final String text;
  private final SplittableRandom random;

  private SchemaInstance(String prompt, String text, SplittableRandom random) {
    Matcher n = NUMBER.matcher(prompt);
    while (n.find()) {
      numbers.add(n.group());
    }
    Matcher q = QUOTED.matcher(prompt);
    while (q.find()) {
      strings.add(q.group(1));
    }
    this.text = text;
    this.random = random;
  }

  /** A value following {@code schema}, drawing numbers and phrases from {@code prompt}. */
  static JsonNode of(JsonNode schema, String prompt, String text, SplittableRandom random) {
    return new SchemaInstance(prompt, text, random).value(schema, 0);
  }

  private JsonNode value(JsonNode schema, int depth) {
    if (schema == null || !schema.isObject() || depth > 8) {
      return F.objectNode();
    }
    if (schema.has("enum") && schema.get("enum").size() > 0) {
      return schema.get("enum").get(0);
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    for (String alt : new String[] {"anyOf", "oneOf", "allOf"}) {
      if (schema.path(alt).isArray() && schema.get(alt).size() > 0) {
        return value(schema.get(alt).get(0), depth + 1);
      }
    }
    JsonNode type = schema.get("type");
    String t = type == null ? (schema.has("properties") ? "object" : "string") : type.asText();
    if (type != null && type.isArray()) {
      t = "null";
      for (JsonNode x : type) {
        if (!"null".equals(x.asText())) {
          t = x.asText();
          break;
        }
      }
    }
    return switch (t) {
      case "object" -> {
        ObjectNode o = F.objectNode();
        schema
            .path("properties")
            .properties()
            .forEach(e -> o.set(e.getKey(), value(e.getValue(), depth + 1)));
        yield o;
      }
      case "array" -> {
        ArrayNode a = F.arrayNode();
        a.add(value(schema.get("items"), depth + 1));
        yield a;
      }
      case "integer" ->
          F.numberNode(
              numbers.isEmpty()
                  ? 1 + random.nextInt(100)
                  : (long) Double.parseDouble(numbers.poll()));
      case "number" ->
          numbers.isEmpty()
              ? F.numberNode(1 + random.nextInt(100))
              : F.numberNode(Double.parseDouble(numbers.poll()));
      case "boolean" -> F.booleanNode(true);
      case "null" -> F.nullNode();
      default -> F.textNode(strings.isEmpty() ? text : strings.poll());
    };
  }
}
