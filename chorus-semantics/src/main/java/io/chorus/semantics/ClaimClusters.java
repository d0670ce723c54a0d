package io.chorus.semantics;

import io.chorus.semantics.internal.AverageLinkage;
import io.chorus.semantics.internal.PairwiseSimilarity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims of several participants grouped by meaning, with the agreements and disagreements among
 * them.
 *
 * <p>How it is computed ({@link #of(Map, Embedder)}):
 *
 * <ol>
 *   <li>All claims are embedded in one batch. Pairs from different participants whose cosine
 *       reaches {@link Calibration#sameSubject()} and that {@link Polarity} finds contradictory are
 *       recorded as {@link Contradiction}s and are never put in one cluster.
 *   <li>Average-linkage agglomerative clustering merges clusters while their mean pairwise cosine
 *       is at least {@link Calibration#sameMeaning()} (0.70 with MiniLM).
 *   <li>A cluster's representative is its most central member.
 *   <li><b>Agreements</b>: clusters held by at least {@link #most()} = ⌈2n/3⌉ of the n participants
 *       (n ≥ 2; everyone when n = 2 or n = 1 never agrees with anybody). Participants given with no
 *       claims still count in n.
 *   <li><b>Disagreements</b>: clusters held by exactly one participant ({@link
 *       Disagreement.Unique}), contradicted pairs ({@link Disagreement.Contradicted}, the closest
 *       pair per two clusters), and claims whose author stated disagreement ({@link
 *       Disagreement.Stated}). Clusters held by more than one participant but fewer than {@code
 *       most} are {@link #partial()}.
 * </ol>
 *
 * Immutable and thread-safe.
 *
 * @param participants participant names, in input order
 * @param clusters all clusters, ordered by their first claim
 * @param agreements clusters held by at least {@code most} participants
 * @param partial clusters held by more than one but fewer than {@code most}
 * @param disagreements unique, contradicted and stated disagreements, in that order
 * @param contradictions all contradicted pairs found
 * @param most how many participants make "most", ⌈2n/3⌉
 * @param embedder id of the embedder whose vectors were clustered
 * @param calibration the thresholds used
 */
public record ClaimClusters(
    List<String> participants,
    List<ClaimCluster> clusters,
    List<ClaimCluster> agreements,
    List<ClaimCluster> partial,
    List<Disagreement> disagreements,
    List<Contradiction> contradictions,
    int most,
    String embedder,
    Calibration calibration) {

  public ClaimClusters {
    participants = List.copyOf(participants);
    clusters = List.copyOf(clusters);
    agreements = List.copyOf(agreements);
    partial = List.copyOf(partial);
    disagreements = List.copyOf(disagreements);
    contradictions = List.copyOf(contradictions);
  }

  /** ⌈2n/3⌉: the number of participants that counts as "most" of n. */
  public static int mostOf(int n) {
    return (2 * n + 2) / 3;
  }

  /**
   * Clusters the participants' claims.
   *
   * @param claimsByParticipant claims per participant name; iteration order is kept in results (use
   *     a {@link java.util.LinkedHashMap})
   * @param embedder the embedder (its calibration gives the thresholds)
   */
  public static ClaimClusters of(Map<String, List<Claim>> claimsByParticipant, Embedder embedder) {
    List<String> names = List.copyOf(claimsByParticipant.keySet());
    List<AttributedClaim> all = new ArrayList<>();
    for (String p : names) {
      List<Claim> cs = claimsByParticipant.get(p);
      for (int i = 0; i < cs.size(); i++) {
        all.add(new AttributedClaim(p, i, cs.get(i)));
      }
    }
    PairwiseSimilarity ps =
        PairwiseSimilarity.of(all.stream().map(AttributedClaim::text).toList(), embedder);
    int n = all.size();
    boolean[][] apart = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // contradictions keep claims apart even within one participant's answer
        apart[i][j] = ps.contradiction[i][j] != null;
      }
    }
    List<List<Integer>> groups =
        AverageLinkage.cluster(ps.cosine, apart, ps.calibration.sameMeaning());
    int[] clusterOf = new int[n];
    List<ClaimCluster> clusters = new ArrayList<>();
    for (List<Integer> g : groups) {
      Set<String> holders = new LinkedHashSet<>();
      List<AttributedClaim> members = new ArrayList<>();
      for (int i : g) {
        members.add(all.get(i));
        clusterOf[i] = clusters.size();
      }
      for (String p : names) {
        if (members.stream().anyMatch(m -> m.participant().equals(p))) {
          holders.add(p);
        }
      }
      clusters.add(
          new ClaimCluster(
              clusters.size(),
              all.get(AverageLinkage.medoid(g, ps.cosine)).text(),
              members,
              List.copyOf(holders),
              AverageLinkage.cohesion(g, ps.cosine)));
    }
    int most = mostOf(names.size());
    List<ClaimCluster> agreements = new ArrayList<>();
    List<ClaimCluster> partial = new ArrayList<>();
    List<Disagreement> disagreements = new ArrayList<>();
    for (ClaimCluster c : clusters) {
      int k = c.participants().size();
      if (names.size() >= 2 && k >= most) {
        agreements.add(c);
      } else if (names.size() >= 2 && k == 1) {
        disagreements.add(new Disagreement.Unique(c, c.participants().get(0)));
      } else if (k > 1) {
        partial.add(c);
      }
    }
    List<Contradiction> contradictions = new ArrayList<>();
    Map<Long, Integer> bestPerClusterPair = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (ps.contradiction[i][j] == null
            || all.get(i).participant().equals(all.get(j).participant())) {
          continue;
        }
        Contradiction c =
            new Contradiction(all.get(i), all.get(j), ps.cosine[i][j], ps.contradiction[i][j]);
        long key =
            Math.min(clusterOf[i], clusterOf[j]) * 1_000_003L
                + Math.max(clusterOf[i], clusterOf[j]);
        Integer prev = bestPerClusterPair.get(key);
        if (prev == null) {
          bestPerClusterPair.put(key, contradictions.size());
          contradictions.add(c);
        } else if (c.cosine() > contradictions.get(prev).cosine()) {
          contradictions.set(prev, c);
        }
      }
    }
    for (Contradiction c : contradictions) {
      disagreements.add(new Disagreement.Contradicted(c));
    }
    for (int i = 0; i < n; i++) {
      if (all.get(i).claim().stance() == Stance.DISAGREE) {
        disagreements.add(new Disagreement.Stated(all.get(i), clusters.get(clusterOf[i])));
      }
    }
    return new ClaimClusters(
        names,
        clusters,
        agreements,
        partial,
        disagreements,
        contradictions,
        most,
        ps.embedder,
        ps.calibration);
  }

  /** Share of clusters that are agreements, in [0, 1]; 0 when there are no clusters. */
  public double agreementRatio() {
    return clusters.isEmpty() ? 0 : (double) agreements.size() / clusters.size();
  }

  /** Short representative texts of the agreements, for a "Key agreements" list. */
  public List<String> keyAgreements() {
    return agreements.stream().map(ClaimCluster::representative).toList();
  }
}
