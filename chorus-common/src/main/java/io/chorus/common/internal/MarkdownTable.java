package io.chorus.common.internal;

/**
 * Text safe inside a Markdown table cell, for every Markdown report (run, vote, sectioning, agents,
 * advisor, benchmarks): one copy instead of five, two of which left a line break in (a model's
 * multi-line answer then ended the table's row). Internal: not part of any module's public API.
 */
public final class MarkdownTable {

  private MarkdownTable() {}

  /**
   * {@code text} on one line ({@code \r} and {@code \n} as spaces), pipes escaped, stripped; {@code
   * ""} for null.
   */
  public static String cell(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|").strip();
  }

  /**
   * {@link #cell(String)} shortened to at most {@code max} characters, an ellipsis marking the cut.
   */
  public static String cell(String text, int max) {
    String t = cell(text);
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }
}
