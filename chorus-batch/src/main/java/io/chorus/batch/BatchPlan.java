package io.chorus.batch;

import java.util.Set;

/**
 * What a batch run will do, known after {@link BatchRunner#plan} read the input and compared it
 * with the journal (before any call).
 *
 * @param items usable input lines
 * @param rejected unusable lines (written to the rejects file)
 * @param derivedIds lines without {@code custom_id}, given {@code line-<n>}
 * @param alreadyDone items finished by earlier runs with the same content: not run again
 * @param retried items that had failed in an earlier run and will run again
 * @param recovered records imported from the spill file an earlier run left (its journal had
 *     failed)
 * @param changes how the input differs from the journal's record of the earlier run
 * @param firstReject the first rejected line, or null
 * @param models the {@code model} values the lines name (as written), for building the engine
 * @param sample the first usable item, or null (a caller can see the workflow's pattern for it)
 */
public record BatchPlan(
    long items,
    long rejected,
    long derivedIds,
    long alreadyDone,
    long retried,
    long recovered,
    InputChanges changes,
    Reject firstReject,
    Set<String> models,
    BatchItem sample) {

  public BatchPlan {
    models = Set.copyOf(models);
  }

  /** Items this run will run. */
  public long pending() {
    return items - alreadyDone;
  }
}
