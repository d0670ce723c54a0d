package io.chorus.batch;

/**
 * How a batch run ended.
 *
 * @param batchId the journal's id of the batch
 * @param items usable input lines
 * @param rejected unusable input lines (in the rejects file)
 * @param alreadyDone items finished by earlier runs, skipped now
 * @param succeeded items that succeeded (all runs): in the output file, or in the spill file when
 *     the journal failed
 * @param failed items that failed for good (all runs): in the dead-letter file
 * @param unfinished items neither succeeded nor failed (the run was cut short)
 * @param cacheHits calls answered from the journal instead of the provider in this run
 * @param derivedIds lines without {@code custom_id}, given {@code line-<n>}
 * @param retried items that had failed in an earlier run and ran again
 * @param storeFailure why the journal or an output file failed mid-run (the run stopped admitting
 *     calls), naming the file and the cause, or null
 * @param spilled records (responses, items) kept in the spill file because the journal failed
 * @param lost records that could not be kept even in the spill file (its disk full too)
 * @param stopped whether the run was stopped before every item was admitted ({@link
 *     BatchRunner#stop})
 */
public record BatchSummary(
    String batchId,
    long items,
    long rejected,
    long alreadyDone,
    long succeeded,
    long failed,
    long unfinished,
    long cacheHits,
    long derivedIds,
    long retried,
    String storeFailure,
    long spilled,
    long lost,
    boolean stopped) {

  public boolean complete() {
    return unfinished == 0;
  }
}
