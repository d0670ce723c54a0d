package io.chorus.advisor.internal;

/** The CPU task: the sum of square roots of i squared, for i below n. */
public final class SquareRoots {
  private SquareRoots() {}

  /** {@code sum over i < n of sqrt(i * i)}; returned so the JIT cannot drop the loop. */
  public static double sum(long n) {
    double total = 0;
    for (long i = 0; i < n; i++) {
      double d = i;
      total += Math.sqrt(d * d);
    }
    return total;
  }
}
