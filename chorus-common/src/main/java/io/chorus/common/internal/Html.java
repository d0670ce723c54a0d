package io.chorus.common.internal;

/**
 * HTML escaping for every report Chorus writes (run trace, Collaboration Plan, advisor). One copy:
 * the Collaboration Plan's own version did not escape {@code '}, so an answer quoting a single
 * quote could end an attribute value there. Internal: not part of any module's public API.
 */
public final class Html {

  private Html() {}

  /**
   * {@code s} safe inside HTML and SVG text and in single- or double-quoted attribute values;
   * {@code ""} for null.
   */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
