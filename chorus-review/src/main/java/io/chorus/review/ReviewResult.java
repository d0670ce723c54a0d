package io.chorus.review;

import io.chorus.core.FailurePolicy;
import io.chorus.core.PatternResult;
import io.chorus.core.Usage;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a security review found. As a {@link PatternResult} (a review that is a section of a
 * sectioning), its text is the Markdown report, and it is {@link #ok()} when the review ran under
 * its policy with enough reviewers answering to confirm a finding.
 *
 * @param files the files reviewed
 * @param skipped files passed over, with reasons
 * @param chunks how many chunks were reviewed (per reviewer)
 * @param threshold reviewers needed to confirm a finding
 * @param policy the failure policy the reviewers ran under
 * @param reviewers each reviewer's report, in reviewer order
 * @param groups grouped findings, confirmed first
 * @param injectionAttempts instructions planted in the code, found by Chorus itself (not obeyed)
 * @param overallRisk the reviewers' consensus on overall risk ({@code unknown} when none answered)
 * @param riskConfidence the share of answering reviewers that gave that risk
 * @param runFailure why the review failed under its policy, or null
 * @param synthetic true when any reviewer's call went to the simulator (see {@link
 *     ReviewerReport#synthetic()} for which)
 * @param usage tokens in all
 * @param costUsd cost in US dollars in all
 * @param elapsed wall time
 */
public record ReviewResult(
    List<String> files,
    List<String> skipped,
    int chunks,
    int threshold,
    FailurePolicy policy,
    List<ReviewerReport> reviewers,
    List<FindingGroup> groups,
    List<Finding> injectionAttempts,
    String overallRisk,
    double riskConfidence,
    @Nullable String runFailure,
    boolean synthetic,
    Usage usage,
    double costUsd,
    Duration elapsed)
    implements PatternResult {

  public ReviewResult {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
    reviewers = List.copyOf(reviewers);
    groups = List.copyOf(groups);
    injectionAttempts = List.copyOf(injectionAttempts);
  }

  /** The Markdown report ({@link ReviewReport#toMarkdown}), or "" when {@link #ok()} is false. */
  @Override
  public String text() {
    return ok() ? toMarkdown() : "";
  }

  /**
   * Whether the review is a result to act on: it did not fail under its policy, and at least {@code
   * threshold} reviewers answered (else nothing could be confirmed).
   */
  @Override
  public boolean ok() {
    return runFailure == null && !belowThreshold();
  }

  @Override
  public String toMarkdown() {
    return ReviewReport.toMarkdown(this);
  }

  @Override
  public String toJson() {
    return ReviewReport.toJson(this);
  }

  public List<FindingGroup> confirmed() {
    return groups.stream().filter(FindingGroup::confirmed).toList();
  }

  public List<FindingGroup> potential() {
    return groups.stream().filter(g -> !g.confirmed()).toList();
  }

  /** True when a confirmed finding is at least {@code severity} ({@code --fail-on}). */
  public boolean hasConfirmedAtLeast(Severity severity) {
    return confirmed().stream().anyMatch(g -> g.severity().atLeast(severity));
  }

  public List<ReviewerReport> failedReviewers() {
    return reviewers.stream().filter(r -> !r.succeeded()).toList();
  }

  /** How many reviewers answered every chunk readably. */
  public int answered() {
    return reviewers.size() - failedReviewers().size();
  }

  /**
   * True when any reviewer failed: the findings are those of the reviewers that answered, and a
   * clean result does not mean clean code. Every report says so at its top.
   */
  public boolean degraded() {
    return !failedReviewers().isEmpty();
  }

  /**
   * True when fewer reviewers answered than a finding needs to be confirmed: no finding could be.
   */
  public boolean belowThreshold() {
    return answered() < threshold;
  }

  /**
   * The one-line degraded notice every report starts with, or null when every reviewer answered.
   */
  public @Nullable String degradedNotice() {
    if (!degraded()) {
      return null;
    }
    StringBuilder sb =
        new StringBuilder("DEGRADED: ")
            .append(failedReviewers().size())
            .append(" of ")
            .append(reviewers.size())
            .append(" reviewers failed (");
    sb.append(
        String.join(
            "; ", failedReviewers().stream().map(r -> r.reviewer() + ": " + r.failure()).toList()));
    sb.append(")");
    if (belowThreshold()) {
      sb.append("; only ")
          .append(answered())
          .append(" answered, fewer than the threshold of ")
          .append(threshold)
          .append(", so no finding could be confirmed and a clean result means nothing");
    } else {
      sb.append("; findings are those of the ").append(answered()).append(" that answered");
    }
    return sb.append('.').toString();
  }

  /** The reviewers whose calls went to the simulator. */
  public List<String> syntheticReviewers() {
    return reviewers.stream()
        .filter(ReviewerReport::synthetic)
        .map(ReviewerReport::reviewer)
        .toList();
  }
}
