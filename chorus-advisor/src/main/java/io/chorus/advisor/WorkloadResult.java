package io.chorus.advisor;

import java.util.List;
import java.util.Optional;

/**
 * One workload measured under each approach.
 *
 * @param name the workload's name
 * @param type what it spends its time on
 * @param description its size, e.g. {@code 8 tasks x sum of square roots to 50,000,000}
 * @param tasks tasks per run
 * @param results one entry per approach, sequential first
 */
public record WorkloadResult(
    String name, WorkloadType type, String description, int tasks, List<ApproachResult> results) {
  /** Canonical constructor: copies the list. */
  public WorkloadResult {
    results = List.copyOf(results);
  }

  /** The measurements of {@code approach}, if it was run. */
  public Optional<ApproachResult> result(Approach approach) {
    return results.stream().filter(r -> r.approach() == approach).findFirst();
  }
}
