package io.chorus.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The shape the answer's text must have: free {@link #TEXT} (the default), any {@link
 * #JSON_OBJECT}, or JSON following a schema ({@link #jsonSchema}).
 *
 * <p>OpenAI-compatible providers get {@code response_format} ({@code json_object}, or {@code
 * json_schema} with {@code name}, {@code schema} and {@code strict: true}). Anthropic gets {@code
 * output_config.format} ({@code json_schema} with the schema); Anthropic has no JSON-object mode,
 * so {@link #JSON_OBJECT} is sent there as the schema {@code {"type":"object"}}.
 *
 * @param type which shape
 * @param name the schema's name for {@link Type#JSON_SCHEMA} (OpenAI requires one), else null
 * @param schemaJson the JSON Schema's text for {@link Type#JSON_SCHEMA}, else null
 */
public record ResponseFormat(Type type, @Nullable String name, @Nullable String schemaJson) {

  /** The shapes. */
  public enum Type {
    TEXT,
    JSON_OBJECT,
    JSON_SCHEMA
  }

  /** Free text: nothing is asked of the answer's shape. */
  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null);

  /** Any JSON object. */
  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null);

  public ResponseFormat {
    Objects.requireNonNull(type, "type");
    if (type == Type.JSON_SCHEMA) {
      if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException(
            "response format: a JSON schema needs a name of 1 to 64 letters, digits, '_' or '-', was "
                + name);
      }
      if (schemaJson == null || !schemaJson.strip().startsWith("{")) {
        throw new IllegalArgumentException(
            "response format " + name + ": schemaJson must be a JSON Schema object");
      }
    } else if (name != null || schemaJson != null) {
      throw new IllegalArgumentException(
          "response format: a name and schema go with JSON_SCHEMA only");
    }
  }

  /** JSON following {@code schemaJson}, named {@code name}. */
  public static ResponseFormat jsonSchema(String name, String schemaJson) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schemaJson);
  }
}
