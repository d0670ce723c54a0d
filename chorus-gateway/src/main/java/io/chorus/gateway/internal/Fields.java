package io.chorus.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading request fields with errors that name the field, as both protocols want. */
final class Fields {

  private Fields() {}

  static String requiredString(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      throw new GatewayException(ApiError.invalid(field, "'" + field + "' is required"));
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new GatewayException(
          ApiError.invalid(field, "'" + field + "' must be a non-empty string"));
    }
    return n.asText();
  }

  static boolean bool(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new GatewayException(ApiError.invalid(field, "'" + field + "' must be true or false"));
    }
    return n.asBoolean();
  }

  /** A positive integer, or {@code fallback} when absent. */
  static int positiveInt(JsonNode body, String field, int fallback) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
      throw new GatewayException(
          ApiError.invalid(field, "'" + field + "' must be a positive integer, was " + n));
    }
    return n.asInt();
  }

  static Double temperature(JsonNode body, double max) {
    JsonNode n = body.get("temperature");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber() || n.asDouble() < 0 || n.asDouble() > max) {
      throw new GatewayException(
          ApiError.invalid(
              "temperature", "'temperature' must be a number in [0, " + (int) max + "], was " + n));
    }
    return n.asDouble();
  }

  /**
   * A string or an array of strings (OpenAI's {@code stop}, Anthropic's {@code stop_sequences}).
   */
  static List<String> strings(JsonNode body, String field) {
    JsonNode n = body.get(field);
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isTextual()) {
      out.add(n.asText());
      return out;
    }
    if (n.isArray()) {
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw new GatewayException(
              ApiError.invalid(field, "'" + field + "' must hold strings only"));
        }
        out.add(e.asText());
      }
      return out;
    }
    throw new GatewayException(
        ApiError.invalid(field, "'" + field + "' must be a string or an array of strings"));
  }

  /**
   * A message's text: a string, or an array of {@code {"type": "text", "text": ...}} parts joined.
   * Other parts (images, tool calls) are refused by name rather than dropped.
   */
  static String text(JsonNode content, String where) {
    if (content == null || content.isNull()) {
      throw new GatewayException(ApiError.invalid(where, "'" + where + "' is required"));
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw new GatewayException(
          ApiError.invalid(where, "'" + where + "' must be a string or an array of text parts"));
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (JsonNode part : content) {
      String type = part.path("type").asText("");
      if (!type.equals("text") || !part.path("text").isTextual()) {
        throw new GatewayException(
            ApiError.invalid(
                where + "[" + i + "]",
                "'"
                    + where
                    + "["
                    + i
                    + "]' is a '"
                    + type
                    + "' part; this gateway forwards text parts only"));
      }
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      sb.append(part.get("text").asText());
      i++;
    }
    return sb.toString();
  }
}
