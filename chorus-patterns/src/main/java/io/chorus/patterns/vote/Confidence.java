package io.chorus.patterns.vote;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How sure a voter said it was, as a number in [0, 1].
 *
 * <p>Words map to documented numbers: {@code very high}/{@code certain} 0.95, {@code high} 0.9,
 * {@code medium}/{@code moderate} 0.6, {@code low} 0.3, {@code very low} 0.1. Numbers in [0, 1] are
 * taken as they are, numbers in (1, 100] (or written {@code 85%}) as percentages. A missing or
 * unreadable confidence is {@link #UNSTATED} (0.5) and reported as unstated.
 *
 * @param value in [0, 1]
 * @param label the voter's own words, or {@code unstated}
 */
public record Confidence(double value, String label) {

  public static final double VERY_HIGH = 0.95;
  public static final double HIGH = 0.9;
  public static final double MEDIUM = 0.6;
  public static final double LOW = 0.3;
  public static final double VERY_LOW = 0.1;

  /** What a vote without a confidence counts as. */
  public static final Confidence UNSTATED = new Confidence(0.5, "unstated");

  private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(%?)");

  public Confidence {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], was " + value);
    }
  }

  /** Reads a confidence from a voter's words or number; empty when it cannot. */
  public static Optional<Confidence> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("[*_\\[\\]\"'`]", "").strip();
    String words = t.replace('-', ' ').replaceAll("\\s+", " ");
    Double v = null;
    if (words.startsWith("very high")
        || words.startsWith("certain")
        || words.startsWith("extremely high")) {
      v = VERY_HIGH;
    } else if (words.startsWith("very low")) {
      v = VERY_LOW;
    } else if (words.startsWith("high")) {
      v = HIGH;
    } else if (words.startsWith("medium")
        || words.startsWith("moderate")
        || words.startsWith("mid")) {
      v = MEDIUM;
    } else if (words.startsWith("low")) {
      v = LOW;
    } else {
      Matcher m = NUMBER.matcher(words);
      if (m.lookingAt()) {
        double n = Double.parseDouble(m.group(1));
        if (!m.group(2).isEmpty() || n > 1) {
          n = n / 100.0;
        }
        if (n >= 0 && n <= 1) {
          v = n;
        }
      }
    }
    return v == null ? Optional.empty() : Optional.of(new Confidence(v, text.strip()));
  }

  /** Reads a numeric JSON confidence: [0, 1] as is, (1, 100] as a percentage. */
  public static Optional<Confidence> ofNumber(double n) {
    double v = n > 1 ? n / 100.0 : n;
    return v >= 0 && v <= 1 ? Optional.of(new Confidence(v, formatNumber(n))) : Optional.empty();
  }

  private static String formatNumber(double n) {
    return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
  }
}
