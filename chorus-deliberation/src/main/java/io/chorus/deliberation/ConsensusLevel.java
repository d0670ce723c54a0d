package io.chorus.deliberation;

/**
 * How far the participants agree at the end, by this rule (documented and tested):
 *
 * <ul>
 *   <li>{@link #NOT_REACHED}: fewer than two participants answered in the final round, so there is
 *       no one to agree with.
 *   <li>{@link #FULL}: final convergence at or above the target, and no claim is contradicted.
 *   <li>{@link #PARTIAL}: at least one claim is held by all or most participants who answered, or
 *       convergence is at least {@link #PARTIAL_FLOOR}.
 *   <li>{@link #NONE}: otherwise.
 * </ul>
 */
public enum ConsensusLevel {
  FULL,
  PARTIAL,
  NONE,
  NOT_REACHED;

  /** Convergence from which agreement counts as partial even without shared claims. */
  public static final double PARTIAL_FLOOR = 0.5;

  /** Applies the rule above. */
  public static ConsensusLevel decide(
      int answered, double convergence, double target, int agreements, int contradictions) {
    if (answered < 2) {
      return NOT_REACHED;
    }
    if (convergence >= target && contradictions == 0) {
      return FULL;
    }
    if (agreements > 0 || convergence >= PARTIAL_FLOOR) {
      return PARTIAL;
    }
    return NONE;
  }

  /** {@code Full}, {@code Partial}, {@code None}, {@code Not reached}. */
  public String label() {
    return switch (this) {
      case FULL -> "Full";
      case PARTIAL -> "Partial";
      case NONE -> "None";
      case NOT_REACHED -> "Not reached";
    };
  }
}
