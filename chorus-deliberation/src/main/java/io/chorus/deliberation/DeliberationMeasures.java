package io.chorus.deliberation;

import io.chorus.semantics.Claim;
import java.util.List;
import java.util.Map;

/**
 * How a deliberation measures what its participants say, over their claims. The default, {@link
 * #semantic()}, uses the in-process embedding model of chorus-semantics; tests may supply their
 * own.
 *
 * <p>Implementations are thread-safe.
 */
public interface DeliberationMeasures {

  /** What produced the measures, for the report (e.g. {@code all-MiniLM-L6-v2}). */
  String description();

  /** The claims of one answer by the heuristic (filler such as "I agree" is never a claim). */
  List<Claim> claims(String answer);

  /** The convergence in [0, 1] among the claims of the participants who answered. */
  double convergence(Map<String, List<Claim>> claimsByParticipant);

  /** Agreements and disagreements among the participants' claims, attributed by name. */
  ClaimAnalysis analyze(Map<String, List<Claim>> claimsByParticipant);

  /** The result of {@link #analyze}. */
  record ClaimAnalysis(List<Point> agreements, List<Point> disagreements, int contradictions) {
    public ClaimAnalysis {
      agreements = List.copyOf(agreements);
      disagreements = List.copyOf(disagreements);
    }
  }

  /** The semantic measures backed by chorus-semantics. */
  static DeliberationMeasures semantic() {
    return SemanticMeasures.shared();
  }
}
