package io.chorus.semantics;

import java.util.List;

/**
 * Free-text answers that mean the same.
 *
 * @param representative the most central member's original text
 * @param representativeIndex its index in the input list
 * @param members indices into the input list, ascending
 * @param cohesion mean pairwise cosine of the members (1 for a single answer)
 */
public record TextCluster(
    String representative, int representativeIndex, List<Integer> members, double cohesion) {

  public TextCluster {
    members = List.copyOf(members);
  }

  /** Number of answers in the cluster. */
  public int count() {
    return members.size();
  }
}
