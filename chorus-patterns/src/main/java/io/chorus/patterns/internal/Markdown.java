package io.chorus.patterns.internal;

import io.chorus.core.Usage;
import java.util.Locale;

/**
 * Small formatting helpers of this module's Markdown reports (table cells and dollars:
 * chorus-common's MarkdownTable and Money).
 */
public final class Markdown {
  private Markdown() {}

  /** The banner a pattern's report starts with when any of its calls went to the simulator. */
  public static final String SYNTHETIC_BANNER =
      "> **Synthetic:** answers came from the built-in simulator, not a real model.\n\n";

  public static String tokens(Usage u) {
    return String.format(Locale.ROOT, "%d in / %d out", u.totalInputTokens(), u.outputTokens());
  }

  public static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  public static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
