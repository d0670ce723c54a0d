package io.chorus.patterns.vote;

import java.util.Locale;

/**
 * Like {@link Majority}, but there is a winner only with consensus: the leading choice must hold at
 * least {@code threshold} of the valid votes, else {@link Tally#winner()} is null (the leader is
 * still reported). Immutable.
 */
public final class ThresholdConsensus extends CountingAggregator {

  public ThresholdConsensus(double threshold) {
    super(threshold);
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "threshold(%.2f)", threshold);
  }

  @Override
  boolean withholdWithoutConsensus() {
    return true;
  }
}
