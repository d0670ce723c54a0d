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
}
