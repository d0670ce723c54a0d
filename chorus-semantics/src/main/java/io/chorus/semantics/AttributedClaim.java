package io.chorus.semantics;

import java.util.Objects;

/**
 * A claim and who made it.
 *
 * @param participant the participant's name, as given to {@link ClaimClusters#of}
 * @param index position of the claim in that participant's claim list
 * @param claim the claim
 */
public record AttributedClaim(String participant, int index, Claim claim) {

  public AttributedClaim {
    Objects.requireNonNull(participant, "participant");
    Objects.requireNonNull(claim, "claim");
  }

  /** The claim's text. */
  public String text() {
    return claim.text();
  }
}
