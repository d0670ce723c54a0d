package io.chorus.patterns.vote;

import java.util.List;

/**
 * Turns votes into a {@link Tally}. The built-in ones are made by {@link Aggregators}; each is a
 * small immutable, thread-safe type.
 *
 * <p>Invalid, failed and not-run votes never count as a choice: aggregators tally {@link
 * Ballot#validVotes()} and report the others in the tally.
 */
public interface Aggregator {

  /** A short name for reports, e.g. {@code majority}, {@code threshold(0.8)}. */
  String name();

  /** Tallies the ballot. May call a model through {@link Ballot#engine()} (the judge). */
  Tally tally(Ballot ballot);

  /**
   * Whether the tally's decision (winner and consensus flag) can no longer change, whatever the
   * voters in {@code pending} answer, and whether they answer at all. Adaptive voting stops
   * launching (and cancels) voters once this holds, so an implementation must only say true when it
   * is certain. The default, for aggregators that cannot know early, is false.
   */
  default boolean settled(Ballot partial, List<Voter> pending) {
    return false;
  }
}
