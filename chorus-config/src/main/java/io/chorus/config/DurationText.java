package io.chorus.config;

import io.chorus.common.internal.Durations;
import java.time.Duration;

/**
 * Parses durations written as {@code 500ms}, {@code 1.5s}, {@code 1m30s}, {@code 2h} or ISO-8601
 * ({@code PT1M30S}): the one grammar every Chorus file and option reads (it lives in
 * chorus-common's {@code Durations}; this is its public face for chorus-config's users).
 */
public final class DurationText {

  private DurationText() {}

  /**
   * @throws IllegalArgumentException naming the text when it is not a positive duration
   */
  public static Duration parse(String text) {
    return Durations.parsePositive(text);
  }

  /**
   * Checks an optional duration setting.
   *
   * @throws IllegalArgumentException starting with {@code name} when {@code value} is set and not a
   *     positive duration
   */
  public static void check(String name, String value) {
    if (value != null) {
      try {
        parse(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage());
      }
    }
  }

  /** Formats for humans: {@code 850ms}, {@code 1.2s}, {@code 3m05s}. */
  public static String format(Duration d) {
    return Durations.format(d);
  }
}
