package io.chorus.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.chorus.common.internal.LocatedYaml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JSON Schema (draft 2020-12 unless a schema says otherwise) through networknt's validator:
 * compiling agent schemas, checking them against the meta-schema, and validating values. Messages
 * look like {@code $.context.workload_type: does not have a value in the enumeration [io-bound,
 * cpu-bound, mixed]}. Thread-safe: compiled schemas are immutable.
 */
public final class SchemaSupport {
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder()
          .locale(Locale.ENGLISH)
          .pathType(PathType.JSON_PATH)
          .formatAssertionsEnabled(true)
          .build();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final JsonSchema META =
      FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);

  private SchemaSupport() {}

  /** One meta-schema violation: where in the schema (a JSON pointer) and what. */
  public record SchemaError(String pointer, String message) {}

  /**
   * Violations of the JSON Schema meta-schema by {@code schema}, one per schema location (the
   * meta-schema's anyOf branches would otherwise report the same mistake several times).
   */
  public static List<SchemaError> metaErrors(JsonNode schema) {
    List<SchemaError> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ValidationMessage m : sorted(META.validate(schema))) {
      String ptr = pointer(m.getInstanceLocation());
      if (seen.add(ptr)) {
        out.add(new SchemaError(ptr, m.getMessage()));
      }
    }
    return out;
  }

  /**
   * Compiles {@code schema}.
   *
   * @throws IllegalArgumentException with the validator's message when it cannot be compiled
   */
  public static JsonSchema compile(JsonNode schema) {
    try {
      JsonSchema compiled = FACTORY.getSchema(schema, CONFIG);
      compiled.initializeValidators();
      return compiled;
    } catch (JsonSchemaException | IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Every violation of {@code schema} by {@code value}, as {@code $.path: message}, sorted by path.
   */
  public static List<String> validate(JsonSchema schema, JsonNode value) {
    return sorted(schema.validate(value)).stream().map(ValidationMessage::getMessage).toList();
  }

  private static List<ValidationMessage> sorted(Set<ValidationMessage> messages) {
    List<ValidationMessage> list = new ArrayList<>(messages);
    list.sort(
        Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
            .thenComparing(ValidationMessage::getMessage));
    return list;
  }

  /** {@code $.a.b[0]} as the JSON pointer {@code /a/b/0}. */
  static String pointer(JsonNodePath path) {
    String pointer = "";
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer = LocatedYaml.pointer(pointer, String.valueOf(path.getElement(i)));
    }
    return pointer;
  }
}
