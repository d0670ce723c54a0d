package io.chorus.review;

import org.jspecify.annotations.Nullable;

/**
 * One vulnerability one reviewer reported.
 *
 * @param reviewer the reviewer's name
 * @param type the weakness in a few words, e.g. {@code SQL injection}
 * @param cwe the CWE id ({@code CWE-89}), or null
 * @param severity how bad
 * @param file the file's path
 * @param lineStart first line, from 1
 * @param lineEnd last line, at least lineStart
 * @param description what is wrong
 * @param recommendation how to fix it
 * @param confidence the reviewer's confidence in [0, 1]
 * @param format how it was read: {@code json} or {@code text} (the line format)
 */
public record Finding(
    String reviewer,
    String type,
    @Nullable String cwe,
    Severity severity,
    String file,
    int lineStart,
    int lineEnd,
    String description,
    String recommendation,
    double confidence,
    String format) {

  public Finding {
    if (lineStart < 1) {
      lineStart = 1;
    }
    if (lineEnd < lineStart) {
      lineEnd = lineStart;
    }
    confidence = Math.max(0, Math.min(1, confidence));
  }

  /**
   * True when the two line ranges are in the same file and overlap or lie within {@code slack}
   * lines.
   */
  public boolean near(Finding other, int slack) {
    return file.equals(other.file)
        && lineStart <= other.lineEnd + slack
        && other.lineStart <= lineEnd + slack;
  }
}
