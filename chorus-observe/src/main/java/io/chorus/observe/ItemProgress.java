package io.chorus.observe;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where the items of a piece of work stand, counted outside this process's engine: e.g. a batch
 * shared by several workers through a store, whose items every worker finishes a part of ({@link
 * ProgressListener#countItemsFrom}).
 *
 * @param total the items of the work
 * @param succeeded of those, finished successfully (by any process)
 * @param failed of those, finished as failed for good
 * @param inFlight being worked on now (by any process)
 * @param perMinute items finished per minute, or -1 when not known
 * @param timeLeft the time left at that rate, or null when not known
 */
public record ItemProgress(
    long total,
    long succeeded,
    long failed,
    long inFlight,
    long perMinute,
    @Nullable Duration timeLeft) {

  /** Items finished, successfully or not. */
  public long finished() {
    return succeeded + failed;
  }
}
