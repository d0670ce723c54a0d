package io.chorus.cli.progress;

import io.chorus.common.internal.Money;
import io.chorus.config.DurationText;
import io.chorus.observe.ProgressSnapshot;
import java.time.Duration;
import java.util.Locale;

/** Turns a {@link ProgressSnapshot} into one line of text. Pure and thread-safe. */
public final class ProgressBar {

  private final int barWidth;

  public ProgressBar(int barWidth) {
    this.barWidth = barWidth;
  }

  /**
   * {@code [#####.....] 120/2000 6% | in flight 16 | retries 3 | rate-limit waits 2 | 45.2k tok |
   * $0.0123 | ETA 1m20s}; with {@code | 95/min} before the ETA when the snapshot knows the items'
   * rate (a shared batch's, from its store).
   */
  public String render(ProgressSnapshot s) {
    StringBuilder sb = new StringBuilder(120);
    if (barWidth > 0) {
      int filled = (int) Math.round(s.fraction() * barWidth);
      sb.append('[').append("#".repeat(filled)).append(".".repeat(barWidth - filled)).append("] ");
    }
    sb.append(s.done()).append('/').append(s.total());
    sb.append(String.format(Locale.ROOT, " %3d%%", (int) Math.floor(s.fraction() * 100)));
    if (s.failed() > 0) {
      sb.append(" | failed ").append(s.failed());
    }
    sb.append(" | in flight ").append(s.inFlight());
    sb.append(" | retries ").append(s.retries());
    sb.append(" | rate-limit waits ").append(s.rateLimitWaits());
    if (s.waitingNow() > 0) {
      sb.append(" (").append(s.waitingNow()).append(" now)");
    }
    sb.append(" | ").append(tokens(s.tokens())).append(" tok");
    sb.append(" | ").append(Money.usd(s.costUsd()));
    if (s.perMinute() >= 0) {
      sb.append(" | ").append(s.perMinute()).append("/min");
    }
    Duration eta = s.eta();
    sb.append(" | ETA ").append(eta == null ? "--" : DurationText.format(eta));
    return sb.toString();
  }

  static String tokens(long n) {
    if (n < 1000) {
      return Long.toString(n);
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.1fk", n / 1000.0);
    }
    return String.format(Locale.ROOT, "%.2fM", n / 1_000_000.0);
  }
}
