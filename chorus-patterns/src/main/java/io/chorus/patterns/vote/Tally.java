package io.chorus.patterns.vote;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.chorus.core.CallRecord;
import io.chorus.patterns.internal.CallRecordJson;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of aggregating votes.
 *
 * @param aggregator which aggregator produced it, e.g. {@code majority}
 * @param winner the decision: the winning option or answer, the judge's synthesis; null when there
 *     is none (no valid votes, or a threshold aggregator without consensus)
 * @param leader the option or answer in front, even without consensus; null without valid votes
 * @param counts valid votes per option or answer (options in declared order, zeros included)
 * @param scores the aggregator's score per option (votes, weights, points)
 * @param margin the leader's score minus the runner-up's, in the aggregator's units
 * @param agreement the leader's share of the valid score, in [0, 1]
 * @param consensus whether {@code agreement >= threshold}
 * @param threshold the consensus threshold used
 * @param tieBreak how a tie for first place was broken, or null when there was none
 * @param groups the answer groups, for semantic clustering; else empty
 * @param aggregationCall the judge's call, for LLM synthesis; else null
 * @param votes every vote in voter order, including invalid, failed and not-run ones
 */
public record Tally(
    String aggregator,
    @Nullable String winner,
    @Nullable String leader,
    Map<String, Integer> counts,
    Map<String, Double> scores,
    double margin,
    double agreement,
    boolean consensus,
    double threshold,
    @Nullable String tieBreak,
    List<AnswerGroup> groups,
    @JsonSerialize(using = CallRecordJson.class) @Nullable CallRecord aggregationCall,
    List<Vote> votes) {

  public Tally {
    counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    groups = groups == null ? List.of() : List.copyOf(groups);
    votes = List.copyOf(votes);
  }

  public int validCount() {
    return (int) votes.stream().filter(Vote::valid).count();
  }

  /** Votes whose answer could not be read or matched no option. */
  public List<Vote> invalid() {
    return byStatus(Vote.Status.INVALID);
  }

  /** Votes whose call failed. */
  public List<Vote> failed() {
    return byStatus(Vote.Status.FAILED);
  }

  /** Votes never launched or cancelled. */
  public List<Vote> notRun() {
    return byStatus(Vote.Status.NOT_RUN);
  }

  private List<Vote> byStatus(Vote.Status s) {
    return votes.stream().filter(v -> v.status() == s).toList();
  }
}
