package io.chorus.patterns.vote;

import java.util.List;

/**
 * Answers that mean the same, as grouped by {@link SemanticClusters}.
 *
 * @param representative the member closest to all the others (earliest on a tie)
 * @param voters the voters whose answers are in the group, in voter order
 * @param meanSimilarity mean pairwise cosine similarity inside the group (1 for a single answer)
 */
public record AnswerGroup(String representative, List<String> voters, double meanSimilarity) {
  public AnswerGroup {
    voters = List.copyOf(voters);
  }

  public int size() {
    return voters.size();
  }
}
