package io.chorus.core;

import java.util.Objects;

/**
 * A tool the model may call: its name, what it does, and the JSON Schema of its arguments.
 *
 * <p>Sent as OpenAI {@code tools[].function} ({@code name}, {@code description}, {@code
 * parameters}) and Anthropic {@code tools[]} ({@code name}, {@code description}, {@code
 * input_schema}). The schema is kept as JSON text so that Chorus adds no schema model of its own;
 * it is sent as written.
 *
 * @param name the tool's name, as the model will call it: 1 to 64 of {@code [A-Za-z0-9_-]}
 * @param description what the tool does, for the model; may be empty
 * @param parametersJson the JSON Schema of the arguments object, e.g. {@code
 *     {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}
 */
public record Tool(String name, String description, String parametersJson) {

  /** An arguments schema that takes no arguments. */
  public static final String NO_PARAMETERS = "{\"type\":\"object\",\"properties\":{}}";

  public Tool {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "tool name '" + name + "' must be 1 to 64 letters, digits, '_' or '-'");
    }
    description = description == null ? "" : description;
    parametersJson =
        parametersJson == null || parametersJson.isBlank() ? NO_PARAMETERS : parametersJson;
    if (!parametersJson.strip().startsWith("{")) {
      throw new IllegalArgumentException(
          "tool " + name + ": parametersJson must be a JSON Schema object, was " + parametersJson);
    }
  }

  /** A tool whose arguments follow {@code parametersJson}. */
  public static Tool of(String name, String description, String parametersJson) {
    return new Tool(name, description, parametersJson);
  }
}
