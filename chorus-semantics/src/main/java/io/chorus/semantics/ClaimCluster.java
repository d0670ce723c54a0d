package io.chorus.semantics;

import java.util.List;

/**
 * Claims from one or more participants that mean the same.
 *
 * @param id position in {@link ClaimClusters#clusters()}
 * @param representative the most central member's text (highest mean cosine to the others)
 * @param members the claims, in input order
 * @param participants who holds it, in input order of participants, without duplicates
 * @param cohesion mean pairwise cosine of the members (1 for a single claim)
 */
public record ClaimCluster(
    int id,
    String representative,
    List<AttributedClaim> members,
    List<String> participants,
    double cohesion) {

  public ClaimCluster {
    members = List.copyOf(members);
    participants = List.copyOf(participants);
  }

  /** Whether the participant holds a claim of this cluster. */
  public boolean heldBy(String participant) {
    return participants.contains(participant);
  }
}
