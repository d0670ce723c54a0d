package io.chorus.common.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * US dollars as every report, progress line and error prints them: one rule instead of five ({@code
 * $%.2f}, {@code $%.4f}, {@code %.4f}, {@code %.6f} and {@code $%.6f} before). Internal: not part
 * of any module's public API.
 */
public final class Money {

  private Money() {}

  /**
   * {@code $12.35} (cents) from a dollar up, {@code $0.0125} (four decimals) below, {@code $0.00}
   * for nothing; a cost too small for four decimals keeps two significant digits ({@code
   * $0.000012}) so that a paid call never reads as free.
   */
  public static String usd(double amount) {
    if (Double.isNaN(amount) || Double.isInfinite(amount)) {
      return "$" + amount;
    }
    double abs = Math.abs(amount);
    if (abs >= 1 || amount == 0) {
      return String.format(Locale.ROOT, "$%.2f", amount);
    }
    if (abs >= 0.0001) {
      return String.format(Locale.ROOT, "$%.4f", amount);
    }
    return "$"
        + new BigDecimal(amount).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }

  /**
   * The cost of a run and per decision, one phrase for every pattern report: {@code $0.0120
   * ($0.0040 per vote)}, labelled {@code (synthetic)} when the answers were; without the
   * per-decision part when there were no decisions.
   */
  public static String withPer(double cost, int decisions, String unit, boolean synthetic) {
    String label = synthetic ? " (synthetic)" : "";
    if (decisions <= 0) {
      return usd(cost) + label;
    }
    return usd(cost) + label + " (" + usd(cost / decisions) + " per " + unit + ")";
  }

  /**
   * What the prompt cache did, to append to a report line: {@code · prompt cache: 10000 tokens
   * written, 40000 read}; empty when nothing was written or read.
   */
  public static String cacheNote(long written, long read) {
    return written + read == 0
        ? ""
        : " · prompt cache: " + written + " tokens written, " + read + " read";
  }
}
