package io.chorus.advisor;

import io.chorus.advisor.internal.DecisionRules;

/**
 * The decision framework for the JVM: turns a {@link WorkloadProfile} and the figures measured on
 * this machine into a {@link Recommendation} with the rules that fired, alternatives, a migration
 * guide and pitfalls.
 *
 * {@snippet :
 * WorkloadProfile p = WorkloadProfile.fromArgs("--workload-type", "io-bound", "--concurrency", "500",
 *     "--rate-limited-api");
 * Recommendation r = new Advisor().advise(p, BenchFigures.latestOrNone(BenchReport.DEFAULT_FILE));
 * System.out.println(r.toMarkdown());
 * }
 *
 * <p>Deterministic (the same profile and figures give the same recommendation) and thread-safe.
 */
public final class Advisor {
  /** Creates an advisor. */
  public Advisor() {}

  /**
   * Advises on {@code profile}; speedups and memory are quoted from {@code figures}, never
   * invented.
   */
  public Recommendation advise(WorkloadProfile profile, BenchFigures figures) {
    return DecisionRules.decide(profile, figures);
  }
}
