package io.chorus.config;

import io.chorus.core.HedgePolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hedging written as one word, in {@code chorus.yaml} ({@code hedge: 2s}) and on the command line
 * ({@code --hedge p95}): a fixed delay ({@code 2s}: one duplicate after 2 seconds), a latency
 * quantile ({@code p95}: after the model's 95th-percentile latency so far, {@code p95:10s} to wait
 * 10 s until 20 latencies are known; default 30 s), or {@code off}.
 */
public final class HedgeText {

  /**
   * The wait of {@code pNN} until enough latencies are known: long, so that a cold start does not
   * double every call.
   */
  public static final Duration QUANTILE_INITIAL = Duration.ofSeconds(30);

  private static final Pattern QUANTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?)(?::(.+))?");

  private HedgeText() {}

  /**
   * @throws IllegalArgumentException naming the text and the grammar when it is not a hedge
   */
  public static HedgePolicy parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("off") || t.equals("none")) {
      return HedgePolicy.NONE;
    }
    Matcher m = QUANTILE.matcher(t);
    if (m.matches()) {
      double q = Double.parseDouble(m.group(1)) / 100;
      if (!(q > 0 && q < 1)) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a hedge quantile (write p50 to p99)");
      }
      Duration initial = m.group(2) == null ? QUANTILE_INITIAL : DurationText.parse(m.group(2));
      return HedgePolicy.atQuantile(q, initial);
    }
    try {
      return HedgePolicy.after(DurationText.parse(t));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a hedge (write a delay such as 2s, a latency quantile such as p95, or off)");
    }
  }

  /** The text {@link #parse} reads back: {@code off}, {@code 2s} or {@code p95:30s}. */
  public static String format(HedgePolicy h) {
    if (!h.enabled()) {
      return "off";
    }
    if (h.quantile() > 0) {
      return "p"
          + new java.math.BigDecimal(h.quantile() * 100).stripTrailingZeros().toPlainString()
          + ":"
          + DurationText.format(h.delay());
    }
    return DurationText.format(h.delay());
  }
}
