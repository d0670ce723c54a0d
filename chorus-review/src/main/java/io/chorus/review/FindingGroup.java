package io.chorus.review;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Findings of several reviewers about the same problem, with its vote.
 *
 * @param type the type most reviewers used
 * @param cwe the CWE most reviewers gave, or null
 * @param severity the group's severity by the escalation rule of {@link FindingGroups}
 * @param maxSeverity the highest severity any reviewer gave
 * @param file the file
 * @param lineStart the first line any member names
 * @param lineEnd the last line any member names
 * @param findings the members, one or more per reviewer
 * @param reviewers distinct reviewers who reported it, in report order
 * @param confirmed whether at least the threshold of reviewers reported it
 * @param confidence mean of the members' confidences
 */
public record FindingGroup(
    String type,
    @Nullable String cwe,
    Severity severity,
    Severity maxSeverity,
    String file,
    int lineStart,
    int lineEnd,
    List<Finding> findings,
    List<String> reviewers,
    boolean confirmed,
    double confidence) {

  public FindingGroup {
    findings = List.copyOf(findings);
    reviewers = List.copyOf(reviewers);
  }

  public int votes() {
    return reviewers.size();
  }

  /** The description of the most confident member. */
  public String description() {
    return best().description();
  }

  /** The recommendation of the most confident member. */
  public String recommendation() {
    return best().recommendation();
  }

  private Finding best() {
    Finding b = findings.get(0);
    for (Finding f : findings) {
      if (f.confidence() > b.confidence()) {
        b = f;
      }
    }
    return b;
  }
}
