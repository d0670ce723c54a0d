package io.chorus.advisor.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The Jackson mapper of this module: chorus-common's shared indented one. */
public final class Json {
  /** Pretty-printing mapper that tolerates unknown fields (results files from newer versions). */
  public static final ObjectMapper MAPPER = io.chorus.common.internal.Json.PRETTY;

  private Json() {}

  /** Writes {@code value} as pretty JSON. */
  public static String write(Object value) {
    return io.chorus.common.internal.Json.pretty(value);
  }
}
