package io.chorus.providers.internal;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parses Go's {@code time.Duration.String()} format, which OpenAI-style providers use in {@code
 * x-ratelimit-reset-*}: {@code 6m0s}, {@code 1m26.4s}, {@code 12ms}, {@code 1h2m3.5s}, {@code
 * 500us}, {@code 0s}. A bare number is taken as seconds (some compatible servers send that).
 * Hand-written because no JVM library parses this format.
 */
public final class GoDuration {
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private GoDuration() {}

  /**
   * @throws IllegalArgumentException naming the text when it is not a Go duration
   */
  public static Duration parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (isNumber(s)) {
      return sign(nanos(new BigDecimal(s), NANOS_PER_SECOND), negative);
    }
    long total = 0;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("not a Go duration: '" + text + "'");
      }
      String number = s.substring(start, i);
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      BigDecimal perUnit = unitNanos(s.substring(unitStart, i), text);
      if (!isNumber(number)) {
        throw new IllegalArgumentException("not a Go duration: '" + text + "'");
      }
      total = Math.addExact(total, nanos(new BigDecimal(number), perUnit));
    }
    return sign(total, negative);
  }

  private static BigDecimal unitNanos(String unit, String text) {
    return switch (unit) {
      case "ns" -> BigDecimal.ONE;
      case "us", "\u00b5s", "\u03bcs" -> BigDecimal.valueOf(1_000L);
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> NANOS_PER_SECOND;
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
      default -> throw new IllegalArgumentException("unknown unit '" + unit + "' in duration '" + text + "'");
    };
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.equals(".")) {
      return false;
    }
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!Character.isDigit(c)) {
        return false;
      }
    }
    return dots <= 1;
  }

  private static long nanos(BigDecimal amount, BigDecimal perUnit) {
    return amount.multiply(perUnit).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }

  private static Duration sign(long nanos, boolean negative) {
    return Duration.ofNanos(negative ? -nanos : nanos);
  }
}
