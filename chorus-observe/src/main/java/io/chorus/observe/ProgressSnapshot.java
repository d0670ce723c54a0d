package io.chorus.observe;

import java.time.Duration;

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
    Duration elapsed) {

  /** Estimated time left at the average pace so far, or null before anything ended. */
  public Duration eta() {
    if (done == 0 || done >= total) {
      return done >= total && total > 0 ? Duration.ZERO : null;
    }
    double perItem = (double) elapsed.toNanos() / done;
    return Duration.ofNanos((long) (perItem * (total - done)));
  }

  public double fraction() {
    return total == 0 ? 0 : Math.min(1.0, (double) done / total);
  }
}
