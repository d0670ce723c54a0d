package io.chorus.batch;

/**
 * An input line that could not be used.
 *
 * @param line its 1-based line number
 * @param error why
 * @param text the start of the line as read
 */
public record Reject(int line, String error, String text) implements InputLine {

  /** The start of a line, for {@link #text}: at most 200 characters. */
  static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
