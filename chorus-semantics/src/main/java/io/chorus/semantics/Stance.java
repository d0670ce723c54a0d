package io.chorus.semantics;

/** How a claim relates to the other participants' claims, as stated by its author. */
public enum Stance {
  /** The author says another participant holds it too ("I agree that…"). */
  AGREE,
  /** The author rejects another participant's claim with it ("I disagree…"). */
  DISAGREE,
  /** The author says it is new. */
  NEW,
  /** Nothing was said about it (plain sentences, heuristic split). */
  UNSTATED
}
