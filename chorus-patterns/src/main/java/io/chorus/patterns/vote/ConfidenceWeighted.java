package io.chorus.patterns.vote;

import java.util.Locale;

/**
 * Each valid vote counts {@code weight × confidence}, confidence as documented in {@link
 * Confidence} (high 0.9, medium 0.6, low 0.3, numbers as given, unstated 0.5). Highest total wins
 * (ties: more votes, summed confidence, declared order). Consensus: the winner's share of the valid
 * score is at least {@code threshold}. Immutable.
 */
public final class ConfidenceWeighted extends CountingAggregator {

  public ConfidenceWeighted(double threshold) {
    super(threshold);
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "confidence-weighted(consensus>=%.2f)", threshold);
  }

  @Override
  double score(Vote vote) {
    return vote.weight() * vote.confidence().value();
  }

  @Override
  double maxScore(Voter voter) {
    return voter.weight(); // confidence is at most 1
  }
}
