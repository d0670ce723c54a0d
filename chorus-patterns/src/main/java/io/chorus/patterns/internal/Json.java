package io.chorus.patterns.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/** The shared Jackson mappers of the patterns module: one for reports, one lenient for answers. */
public final class Json {
  private Json() {}

  /** Writes reports: indented, records as they are. */
  public static final ObjectMapper REPORTS =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Reads model answers, which are often almost-JSON: single quotes, trailing commas, comments. */
  public static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();

  public static String write(Object value) {
    try {
      return REPORTS.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("could not write report as JSON", e);
    }
  }
}
