package io.chorus.deliberation;

import java.util.List;

/**
 * One round of a deliberation.
 *
 * @param number 1-based
 * @param contributions one per participant, in participant order
 * @param convergence the semantic convergence among the answers of this round, or NaN when fewer
 *     than two participants answered
 */
public record Round(int number, List<Contribution> contributions, double convergence) {

  public Round {
    contributions = List.copyOf(contributions);
  }

  public long answered() {
    return contributions.stream().filter(Contribution::answered).count();
  }
}
