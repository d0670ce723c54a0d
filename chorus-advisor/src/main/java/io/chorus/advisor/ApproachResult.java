package io.chorus.advisor;

import org.jspecify.annotations.Nullable;

/**
 * One approach's measurements over the repeated runs of a workload.
 *
 * @param approach the approach
 * @param label the approach with its sizing, e.g. {@code platform-pool (2 threads)}
 * @param workers threads or processes doing the work (0 = one per task)
 * @param minWallMs fastest run
 * @param medianWallMs median run
 * @param maxWallMs slowest run
 * @param medianCpuMs median CPU time of a run (this process plus its child processes)
 * @param peakHeapMb highest heap used sampled during the runs; null if not available
 * @param peakRssMb highest resident set sampled during the runs (this process's VmRSS, plus the
 *     children's VmHWM for the processes approach); null where /proc is not available
 * @param speedup sequential median / this median; null when there was no sequential baseline
 * @param reading the reading of the speedup; null for the baseline itself and without a speedup
 * @param error why the approach could not run, or null
 */
public record ApproachResult(
    Approach approach,
    String label,
    int workers,
    double minWallMs,
    double medianWallMs,
    double maxWallMs,
    double medianCpuMs,
    @Nullable Double peakHeapMb,
    Double peakRssMb,
    @Nullable Double speedup,
    @Nullable Reading reading,
    @Nullable String error) {

  /** Whether the approach ran and was measured. */
  public boolean ok() {
    return error == null;
  }
}
