package io.chorus.semantics;

import io.chorus.semantics.internal.PairwiseSimilarity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Semantic convergence of two or more answers, from their claims (not word overlap).
 *
 * <p>Formula. Each answer is split into claims ({@link Claims#split(String)}, or claims given
 * directly) and all claims are embedded in one batch. For a claim {@code a} of answer A and a claim
 * {@code b} of answer B, with cosine {@code c}:
 *
 * <pre>
 *   match(a, b)  = 0 if a and b contradict (c ≥ sameSubject and {@link Polarity} fires)
 *                  else strength(c) = clamp((c − unrelatedBelow) / (sameMeaning − unrelatedBelow), 0, 1)
 *   cover(a, B)  = 0 if any claim of B contradicts a, else max over b in B of match(a, b)
 *   dir(A → B)   = mean over a in A of cover(a, B)
 *   conv(A, B)   = (dir(A → B) + dir(B → A)) / 2          (0 if either has no claims)
 *   overall      = mean of conv over all pairs of answers
 * </pre>
 *
 * With MiniLM ({@link Calibration#MINI_LM}: unrelatedBelow 0.30, sameMeaning 0.70) a claim whose
 * best match is a paraphrase scores 1, a related claim scores partially and an unrelated one 0; a
 * contradicted claim scores 0 however close its embedding is, so "X improves Y" and "X does not
 * improve Y" converge at 0. Claims one side has and the other lacks lower the score in proportion,
 * which is why both directions are averaged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param participants participant names, in input order
 * @param pairs one entry per unordered pair, in input order (0-1, 0-2, …, 1-2, …)
 * @param overall mean of the pair scores, in [0, 1]
 * @param claimCounts number of claims per participant, in participant order
 * @param embedder id of the embedder used
 * @param calibration thresholds used
 */
public record Convergence(
    List<String> participants,
    List<PairConvergence> pairs,
    double overall,
    List<Integer> claimCounts,
    String embedder,
    Calibration calibration) {

  public Convergence {
    participants = List.copyOf(participants);
    pairs = List.copyOf(pairs);
    claimCounts = List.copyOf(claimCounts);
  }

  /**
   * Convergence of answers given as text, split by {@link Claims#split(String)}.
   *
   * @param answers answer text per participant, at least two; order is kept
   * @throws IllegalArgumentException with fewer than two answers
   */
  public static Convergence of(Map<String, String> answers, Embedder embedder) {
    Map<String, List<Claim>> claims = new LinkedHashMap<>();
    answers.forEach((p, a) -> claims.put(p, Claims.split(a)));
    return ofClaims(claims, embedder);
  }

  /** Convergence of two texts; {@link #overall()} of {@code of({"a": a, "b": b})}. */
  public static double between(String a, String b, Embedder embedder) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    return of(m, embedder).overall();
  }

  /**
   * Convergence of answers given as claims (for example from {@link Claims#parse}).
   *
   * @throws IllegalArgumentException with fewer than two participants
   */
  public static Convergence ofClaims(
      Map<String, List<Claim>> claimsByParticipant, Embedder embedder) {
    if (claimsByParticipant.size() < 2) {
      throw new IllegalArgumentException(
          "convergence needs at least 2 answers, got " + claimsByParticipant.size());
    }
    List<String> names = List.copyOf(claimsByParticipant.keySet());
    List<String> texts = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (String p : names) {
      int start = texts.size();
      claimsByParticipant.get(p).forEach(c -> texts.add(c.text()));
      ranges.add(new int[] {start, texts.size()});
      counts.add(texts.size() - start);
    }
    PairwiseSimilarity ps = PairwiseSimilarity.of(texts, embedder);
    List<PairConvergence> pairs = new ArrayList<>();
    double sum = 0;
    for (int x = 0; x < names.size(); x++) {
      for (int y = x + 1; y < names.size(); y++) {
        int[] contradicted = new int[1];
        double ab = direction(ps, ranges.get(x), ranges.get(y), contradicted);
        double ba = direction(ps, ranges.get(y), ranges.get(x), contradicted);
        double score = (ab + ba) / 2;
        pairs.add(new PairConvergence(names.get(x), names.get(y), score, ab, ba, contradicted[0]));
        sum += score;
      }
    }
    return new Convergence(names, pairs, sum / pairs.size(), counts, ps.embedder, ps.calibration);
  }

  private static double direction(PairwiseSimilarity ps, int[] from, int[] to, int[] contradicted) {
    if (from[0] == from[1] || to[0] == to[1]) {
      return 0;
    }
    double total = 0;
    for (int a = from[0]; a < from[1]; a++) {
      double best = 0;
      boolean contra = false;
      for (int b = to[0]; b < to[1]; b++) {
        if (ps.contradiction[a][b] != null) {
          contra = true;
          break;
        }
        best = Math.max(best, ps.calibration.strength(ps.cosine[a][b]));
      }
      if (contra) {
        contradicted[0]++;
      } else {
        total += best;
      }
    }
    return total / (from[1] - from[0]);
  }

  /** The pair score of two participants (1 for a participant with itself). */
  public double score(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    for (PairConvergence p : pairs) {
      if ((p.first().equals(a) && p.second().equals(b))
          || (p.first().equals(b) && p.second().equals(a))) {
        return p.score();
      }
    }
    throw new IllegalArgumentException("no pair " + a + " / " + b + " among " + participants);
  }

  /** The symmetric matrix of pair scores in participant order, diagonal 1; a fresh copy. */
  public double[][] matrix() {
    int n = participants.size();
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = score(participants.get(i), participants.get(j));
      }
    }
    return m;
  }

  /** Total contradicted claims over all pairs. */
  public int contradicted() {
    return pairs.stream().mapToInt(PairConvergence::contradicted).sum();
  }
}
