package io.chorus.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jackson mapper this module uses (chorus-common's one shared mapper) and small tree helpers.
 */
public final class Json {

  /** chorus-common's shared mapper (unknown fields tolerated, buffers from one shared pool). */
  public static final ObjectMapper MAPPER = io.chorus.common.internal.Json.MAPPER;

  private Json() {}

  /** The text of {@code node.field}, or null when absent, null or not a scalar. */
  public static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    return value.asText();
  }

  /** The integral value of {@code node.field}, or {@code fallback} when absent or not a number. */
  public static long number(JsonNode node, String field, long fallback) {
    if (node == null) {
      return fallback;
    }
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      return fallback;
    }
    return value.asLong();
  }

  /** Whether {@code node.field} is present and numeric. */
  public static boolean hasNumber(JsonNode node, String field) {
    return node != null && node.get(field) != null && node.get(field).isNumber();
  }
}
