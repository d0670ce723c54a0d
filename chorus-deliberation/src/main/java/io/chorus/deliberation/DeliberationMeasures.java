package io.chorus.deliberation;

import java.util.List;
import java.util.Map;

/**
 * How a deliberation measures what its participants say. The default, {@link
 * #semantic()}, uses the in-process embedding model of chorus-semantics; tests may supply their own.
 *
 * <p>Implementations are thread-safe.
 */
public interface DeliberationMeasures {

  /** What produced the measures, for the report (e.g. {@code all-MiniLM-L6-v2, heuristic claims}). */
  String description();

  /** The claims of one answer (heuristic; filler such as "I agree" is never a claim). */
  List<String> claims(String answer);

  /** The convergence in [0, 1] among the answers of the participants who answered. */
  double convergence(Map<String, String> answersByParticipant);

  /** Agreements and disagreements among the participants' answers, attributed by name. */
  ClaimAnalysis analyze(Map<String, String> answersByParticipant);

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
