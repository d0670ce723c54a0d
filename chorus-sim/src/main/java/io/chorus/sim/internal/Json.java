package io.chorus.sim.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/** chorus-common's shared Jackson mapper and a string quoter for hand-assembled hot-path JSON. */
final class Json {
  static final ObjectMapper MAPPER = io.chorus.common.internal.Json.MAPPER;

  private Json() {}

  /** {@code text} as a JSON string literal, quotes included. */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
