package io.chorus.semantics.internal;

import java.util.regex.Pattern;

/** Inline markdown removal: enough to turn an LLM's formatted line into plain text. */
public final class Markdown {

  private Markdown() {}

  private static final Pattern FENCED = Pattern.compile("(?s)(```|~~~).*?(\\1|$)");
  private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|~~)");
  private static final Pattern UNDERSCORE_EM = Pattern.compile("(?<![\\w])_([^_]+)_(?![\\w])");
  private static final Pattern HTML = Pattern.compile("</?[a-zA-Z][^>]*>");

  /** Removes fenced code blocks. */
  public static String stripCode(String text) {
    return FENCED.matcher(text).replaceAll(" ");
  }

  /** Plain text of one line: links to their text, emphasis and backticks and tags removed. */
  public static String inline(String text) {
    String s = LINK.matcher(text).replaceAll("$1");
    s = HTML.matcher(s).replaceAll("");
    s = s.replace("`", "");
    s = EMPHASIS.matcher(s).replaceAll("");
    s = UNDERSCORE_EM.matcher(s).replaceAll("$1");
    return s.replaceAll("[ \\t\\u00a0]+", " ").strip();
  }
}
