package io.chorus.advisor;

import org.jspecify.annotations.Nullable;

/**
 * What to expect from an approach, taken from a benchmark measured on this machine. Never invented:
 * when nothing was measured the numbers are null and {@link #source} says so.
 *
 * @param speedup median sequential wall time / median approach wall time; null if not measured
 * @param reading the reading of the speedup; null if not measured
 * @param memoryOverheadMb peak RSS of the approach minus that of the sequential baseline (children
 *     included); null if not measured
 * @param source where the figures came from (file, date, kernel), or why there are none
 */
public record Expectation(
    @Nullable Double speedup, @Nullable Reading reading, Double memoryOverheadMb, String source) {
  /** No figure: {@code why} says what to run to get one. */
  public static Expectation unmeasured(String why) {
    return new Expectation(null, null, null, why);
  }

  /** Whether a speedup was measured. */
  public boolean measured() {
    return speedup != null;
  }
}
