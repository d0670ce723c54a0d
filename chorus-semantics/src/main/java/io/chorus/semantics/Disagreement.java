package io.chorus.semantics;

import java.util.List;

/** A point of disagreement among participants, attributed. */
public sealed interface Disagreement {

  /** Who is on which side: everyone named here holds a position the others do not share. */
  List<String> participants();

  /** One line for a report. */
  String summary();

  /**
   * A claim only one participant holds (when there are two or more participants).
   *
   * @param cluster the cluster, held by {@code participant} alone
   * @param participant its only holder
   */
  record Unique(ClaimCluster cluster, String participant) implements Disagreement {
    @Override
    public List<String> participants() {
      return List.of(participant);
    }

    @Override
    public String summary() {
      return "only " + participant + ": " + cluster.representative();
    }
  }

  /**
   * Two participants say opposite things.
   *
   * @param contradiction the pair of claims
   */
  record Contradicted(Contradiction contradiction) implements Disagreement {
    @Override
    public List<String> participants() {
      return List.of(contradiction.first().participant(), contradiction.second().participant());
    }

    @Override
    public String summary() {
      return contradiction.first().participant()
          + ": "
          + contradiction.first().text()
          + " / "
          + contradiction.second().participant()
          + ": "
          + contradiction.second().text()
          + " ("
          + contradiction.reason()
          + ")";
    }
  }

  /**
   * A participant states that it disagrees ("I disagree…", or stance {@code disagree} in structured
   * claims).
   *
   * @param claim the claim carrying {@link Stance#DISAGREE}
   * @param cluster the cluster the claim landed in
   */
  record Stated(AttributedClaim claim, ClaimCluster cluster) implements Disagreement {
    @Override
    public List<String> participants() {
      return List.of(claim.participant());
    }

    @Override
    public String summary() {
      return claim.participant() + ": " + claim.text();
    }
  }
}
