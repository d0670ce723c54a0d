package io.chorus.store.postgres;

import java.time.Duration;
import java.util.List;

/**
 * Where a shared batch stands, across every worker ({@code chorus batch status}).
 *
 * @param batchId the batch
 * @param total its items
 * @param pending items no worker holds
 * @param inFlight items held by a worker under a live lease
 * @param expired items whose worker's lease ran out (a killed worker's): the next claim takes them
 * @param done items that succeeded
 * @param failed items that failed for good
 * @param perMinute items finished in the last minute
 * @param eta the time left at that rate, or null when nothing finished in the last minute
 * @param workers each worker that holds or finished items of the batch
 */
public record BatchProgress(
    String batchId,
    int total,
    int pending,
    int inFlight,
    int expired,
    int done,
    int failed,
    int perMinute,
    Duration eta,
    List<WorkerProgress> workers) {

  /** Whether every item has finished (succeeded or failed). */
  public boolean complete() {
    return done + failed == total;
  }

  /**
   * One worker's part.
   *
   * @param worker its id ({@code host/pid/random})
   * @param inFlight items it holds now
   * @param done items it finished successfully
   * @param failed items it finished as failed
   * @param secondsSinceHeartbeat since its last heartbeat, or -1 when unknown
   */
  public record WorkerProgress(
      String worker, int inFlight, int done, int failed, long secondsSinceHeartbeat) {}
}
