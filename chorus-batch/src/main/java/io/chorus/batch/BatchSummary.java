package io.chorus.batch;

/**
 * How a batch run ended.
 *
 * @param batchId the journal's id of the batch
 * @param items usable input lines
 * @param rejected unusable input lines (in the rejects file)
 * @param alreadyDone items finished by earlier runs, skipped now
 * @param succeeded items in the output file (all runs)
 * @param failed items in the dead-letter file (all runs)
 * @param unfinished items neither succeeded nor failed (the run was cut short)
 * @param cacheHits calls answered from the journal instead of the provider in this run
 */
public record BatchSummary(
    String batchId, int items, int rejected, int alreadyDone, int succeeded, int failed, int unfinished, long cacheHits) {

  public boolean complete() {
    return unfinished == 0;
  }
}
