package io.chorus.providers.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of this module (thread-safe once configured) and small tree helpers. */
public final class Json {

  /**
   * Lenient about unknown fields: providers add fields all the time. Buffers come from one shared
   * pool: Jackson's default pool is per thread, and every call runs on a new virtual thread, so
   * each request and response allocated fresh 8-16 KB parser and generator buffers (a tenth of the
   * client's CPU per call in the P2 benchmark went to allocating and clearing them).
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

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
