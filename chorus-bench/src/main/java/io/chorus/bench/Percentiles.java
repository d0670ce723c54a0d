package io.chorus.bench;

import java.util.Arrays;

/** Nearest-rank percentiles over a sample (no interpolation, as latency reports usually do). */
final class Percentiles {
  private Percentiles() {}

  /** The {@code q}-quantile (0..1) of {@code values} by nearest rank; 0 for an empty sample. */
  static double of(double[] values, double q) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
