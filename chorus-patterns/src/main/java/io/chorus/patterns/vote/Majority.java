package io.chorus.patterns.vote;

import java.util.Locale;

/**
 * One vote per voter; the choice with most valid votes wins. Ties: higher summed confidence, then
 * the option declared first. The winner is always given; {@code consensus} says whether it had at
 * least {@code threshold} of the valid votes (default 0.6). Immutable.
 */
public final class Majority extends CountingAggregator {

  public Majority(double threshold) {
    super(threshold);
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "majority(consensus>=%.2f)", threshold);
  }
}
