package io.chorus.patterns.internal;

import io.chorus.core.Usage;
import java.util.Locale;

/** Small formatting helpers shared by the Markdown reports. */
public final class Markdown {
  private Markdown() {}

  /** Makes text safe inside a Markdown table cell: one line, pipes escaped, shortened. */
  /** The banner a pattern's report starts with when any of its calls went to the simulator. */
  public static final String SYNTHETIC_BANNER =
      "> **Synthetic:** answers came from the built-in simulator, not a real model.\n\n";

  public static String cell(String text, int max) {
    if (text == null) {
      return "";
    }
    String t = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|").strip();
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }

  public static String tokens(Usage u) {
    return String.format(Locale.ROOT, "%d in / %d out", u.totalInputTokens(), u.outputTokens());
  }

  public static String usd(double cost) {
    return String.format(Locale.ROOT, "$%.4f", cost);
  }

  public static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  public static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
