package io.chorus.sim.internal;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Formats durations the way Go's {@code time.Duration.String()} does, as OpenAI's
 * {@code x-ratelimit-reset-*} headers carry them: {@code 6m0s}, {@code 1m26.4s}, {@code 12ms},
 * {@code 0s}.
 */
public final class GoDuration {
  private GoDuration() {}

  public static String format(Duration d) {
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
}
