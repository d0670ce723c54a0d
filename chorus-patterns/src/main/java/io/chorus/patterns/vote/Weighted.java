package io.chorus.patterns.vote;

import java.util.Locale;

/**
 * Each valid vote counts its voter's {@link Voter#weight()}; the highest total wins (ties: more
 * votes, then summed confidence, then declared order). Consensus: the winner's share of the valid
 * weight is at least {@code threshold}. Immutable.
 */
public final class Weighted extends CountingAggregator {

  public Weighted(double threshold) {
    super(threshold);
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "weighted(consensus>=%.2f)", threshold);
  }

  @Override
  double score(Vote vote) {
    return vote.weight();
  }

  @Override
  double maxScore(Voter voter) {
    return voter.weight();
  }
}
