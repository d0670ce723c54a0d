package io.chorus.common.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The one duration grammar of Chorus: what a user writes in {@code chorus.yaml}, a simulator config
 * or an option, and what OpenAI-style providers send in {@code x-ratelimit-reset-*}.
 *
 * <p>Accepted: one or more {@code <number><unit>} parts, largest unit first as Go writes them
 * ({@code 500ms}, {@code 1m30s}, {@code 2h}, {@code 1.5s}, {@code 1h2m3.5s}, {@code 250ns}, {@code
 * 500us}/{@code µs}); white space may stand between a number and its unit ({@code 500 ms}); units
 * in any case; an optional leading sign; or ISO-8601 ({@code PT1M30S}). A bare number is accepted
 * only where the caller names its unit. Replaces three grammars that disagreed ({@code
 * DurationText} knew no {@code 1m30s}, the simulator no ISO-8601, the header parser no {@code 500
 * ms}). Hand-written because {@link Duration#parse} reads only ISO-8601 and no JVM library reads
 * Go's format. Internal: not part of any module's public API.
 */
public final class Durations {

  /** What an error says is expected. */
  public static final String EXPECTED = "a duration such as 500ms, 1.5s, 1m30s, 2h or PT1M30S";

  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Durations() {}

  /**
   * Parses {@code text} in the grammar above; a bare number is refused.
   *
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static Duration parse(String text) {
    return parse(text, null);
  }

  /**
   * Parses {@code text} in the grammar above, a bare number ({@code 250}, {@code 1.5}) taken in
   * {@code bareUnit}; {@code null} refuses a bare number.
   *
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static Duration parse(String text, ChronoUnit bareUnit) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      throw invalid(text);
    }
    if (s.charAt(0) == 'P' || s.charAt(0) == 'p' || s.startsWith("-P") || s.startsWith("-p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    if (isNumber(s)) {
      if (bareUnit == null) {
        throw new IllegalArgumentException("'" + text + "' has no unit: expected " + EXPECTED);
      }
      BigDecimal perUnit = BigDecimal.valueOf(bareUnit.getDuration().toNanos());
      return signed(nanos(new BigDecimal(s), perUnit, text), negative);
    }
    long total = 0;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (!isNumber(number)) {
        throw invalid(text);
      }
      if (start == 0) {
        while (i < s.length() && s.charAt(i) == ' ') {
          i++;
        }
      } else if (i < s.length() && s.charAt(i) == ' ') {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && Character.isLetter(s.charAt(i))) {
        i++;
      }
      BigDecimal perUnit = unitNanos(s.substring(unitStart, i), text);
      try {
        total = Math.addExact(total, nanos(new BigDecimal(number), perUnit, text));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("'" + text + "' is too long a duration");
      }
    }
    return signed(total, negative);
  }

  /**
   * Parses a duration a user wrote where only a positive one makes sense (a timeout, a delay).
   *
   * @throws IllegalArgumentException naming the text when it is no duration or not positive
   */
  public static Duration parsePositive(String text) {
    Duration d = parse(text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' must be a positive duration");
    }
    return d;
  }

  /** Formats for humans: {@code 850ms}, {@code 1.2s}, {@code 3m05s}, {@code 2h05m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /**
   * Formats the way Go's {@code time.Duration.String()} does, as OpenAI's {@code
   * x-ratelimit-reset-*} headers carry them: {@code 6m0s}, {@code 1m26.4s}, {@code 12ms}, {@code
   * 0s}. {@link #parse} reads every string this returns.
   */
  public static String formatGo(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    nanos = Math.abs(nanos);
    if (nanos < 1_000) {
      return sign + nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return sign + decimal(nanos, 3) + "µs";
    }
    if (nanos < 1_000_000_000) {
      return sign + decimal(nanos, 6) + "ms";
    }
    long hours = nanos / 3_600_000_000_000L;
    long rest = nanos % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    long secNanos = rest % 60_000_000_000L;
    StringBuilder sb = new StringBuilder(sign);
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    sb.append(decimal(secNanos, 9)).append('s');
    return sb.toString();
  }

  private static String decimal(long value, int scale) {
    BigDecimal bd = BigDecimal.valueOf(value, scale).stripTrailingZeros();
    return bd.scale() <= 0 ? bd.toBigInteger().toString() : bd.toPlainString();
  }

  private static BigDecimal unitNanos(String unit, String text) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "ns" -> BigDecimal.ONE;
      case "us", "\u00b5s", "\u03bcs" -> BigDecimal.valueOf(1_000L);
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> NANOS_PER_SECOND;
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
      case "" -> throw invalid(text);
      default ->
          throw new IllegalArgumentException(
              "'"
                  + text
                  + "' has an unknown unit '"
                  + unit
                  + "' (units: ns, us, ms, s, m, h): expected "
                  + EXPECTED);
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
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots <= 1;
  }

  private static long nanos(BigDecimal amount, BigDecimal perUnit, String text) {
    try {
      return amount.multiply(perUnit).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
  }

  private static Duration signed(long nanos, boolean negative) {
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not a duration: expected " + EXPECTED);
  }
}
