package io.chorus.common.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * The shared Jackson mappers of every module: configured once here and never changed afterwards,
 * which makes them thread-safe (an {@code ObjectMapper} is, once configured). Creating a mapper is
 * costly (its serializer caches start empty), so no code creates one per call. Internal: not part
 * of any module's public API.
 */
public final class Json {

  /**
   * Reads and writes compact JSON; tolerates unknown fields (providers add fields all the time, and
   * files written by newer versions stay readable). Buffers come from one shared pool: Jackson's
   * default pool is per thread, and every call runs on a new virtual thread, so each request and
   * response allocated fresh 8-16 KB parser and generator buffers (a tenth of the client's CPU per
   * call in the P2 benchmark went to allocating and clearing them).
   */
  public static final ObjectMapper MAPPER = builder().build();

  /** Like {@link #MAPPER}, writing indented JSON (reports, results files). */
  public static final ObjectMapper PRETTY =
      builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /**
   * Like {@link #MAPPER}, naming properties in snake_case ({@code batchId} as {@code batch_id}) and
   * leaving null ones out: {@code --json} summaries and {@code config show}.
   */
  public static final ObjectMapper SNAKE_CASE =
      builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  /**
   * Reads model answers, which are often almost-JSON: single quotes, trailing commas, unquoted
   * field names, comments, raw control characters. One value only: text after it is an error, so
   * {@code {"a":1} and more} is not taken for JSON.
   */
  public static final ObjectMapper ANSWERS =
      builder()
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  private static JsonMapper.Builder builder() {
    return JsonMapper.builder(
            JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** {@code value} as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("could not write JSON", e);
    }
  }

  /** {@code value} as indented JSON. */
  public static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("could not write JSON", e);
    }
  }
}
