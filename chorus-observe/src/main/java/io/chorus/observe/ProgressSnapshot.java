package io.chorus.observe;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The state of a run at one moment, as a progress bar shows it.
 *
 * @param total calls and tasks announced so far (nested runs add theirs)
 * @param done calls and tasks that ended, whatever their outcome
 * @param failed of those, how many did not succeed
 * @param inFlight calls admitted and not yet ended
 * @param retries retries scheduled
 * @param rateLimitWaits rate-limit waits started
 * @param waitingNow calls waiting for a rate-limit bucket right now
 * @param tokens tokens used by ended calls
 * @param costUsd cost of ended calls
 * @param elapsed since the first run started
 * @param perMinute items finished per minute as the counts' source reckons it ({@link
 *     ProgressListener#countItemsFrom}), or -1 when the counts are the engine's (the bar then shows
 *     no rate)
 * @param timeLeft the time left as the counts' source reckons it, or null to reckon it from the
 *     pace so far ({@link #eta})
 */
public record ProgressSnapshot(
    long total,
    long done,
    long failed,
    long inFlight,
    long retries,
    long rateLimitWaits,
    long waitingNow,
    long tokens,
    double costUsd,
    Duration elapsed,
    long perMinute,
    @Nullable Duration timeLeft) {

  /** A snapshot of the engine's own counts: no rate, the time left reckoned from the pace. */
  public ProgressSnapshot(
      long total,
      long done,
      long failed,
      long inFlight,
      long retries,
      long rateLimitWaits,
      long waitingNow,
      long tokens,
      double costUsd,
      Duration elapsed) {
    this(
        total,
        done,
        failed,
        inFlight,
        retries,
        rateLimitWaits,
        waitingNow,
        tokens,
        costUsd,
        elapsed,
        -1,
        null);
  }

  /**
   * Estimated time left: zero once everything ended, else {@link #timeLeft} when the counts' source
   * gave one, else the average pace so far; null before anything ended.
   */
  public @Nullable Duration eta() {
    if (done >= total && total > 0) {
      return Duration.ZERO;
    }
    if (timeLeft != null) {
      return timeLeft;
    }
    if (done == 0 || done >= total) {
      return null;
    }
    double perItem = (double) elapsed.toNanos() / done;
    return Duration.ofNanos((long) (perItem * (total - done)));
  }

  public double fraction() {
    return total == 0 ? 0 : Math.min(1.0, (double) done / total);
  }
}
