package io.chorus.semantics.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Agglomerative clustering with average linkage (Lance–Williams update), stopping when no two
 * clusters have mean pairwise similarity at or above the threshold. Pairs marked cannot-link
 * (contradictions) never end up in one cluster. O(n³) time, O(n²) memory: fine for the tens to low
 * hundreds of claims or answers a deliberation or vote produces. Written by hand because it is
 * forty lines and pulling a clustering library for it would cost more than it saves.
 */
public final class AverageLinkage {

  private AverageLinkage() {}

  /**
   * Clusters items 0..n-1.
   *
   * @param sim symmetric similarity matrix
   * @param cannotLink symmetric; true where two items must stay apart
   * @return clusters as ascending item indices, ordered by their first item
   */
  public static List<List<Integer>> cluster(
      double[][] sim, boolean[][] cannotLink, double threshold) {
    int n = sim.length;
    double[][] s = new double[n][];
    boolean[][] cl = new boolean[n][];
    int[] size = new int[n];
    List<List<Integer>> members = new ArrayList<>();
    boolean[] active = new boolean[n];
    for (int i = 0; i < n; i++) {
      s[i] = sim[i].clone();
      cl[i] = cannotLink[i].clone();
      size[i] = 1;
      active[i] = true;
      members.add(new ArrayList<>(List.of(i)));
    }
    while (true) {
      int bi = -1;
      int bj = -1;
      double best = threshold;
      for (int i = 0; i < n; i++) {
        if (!active[i]) {
          continue;
        }
        for (int j = i + 1; j < n; j++) {
          // ties keep the earliest pair, so results do not depend on anything but input order
          if (active[j] && !cl[i][j] && (s[i][j] > best || (bi < 0 && s[i][j] >= best))) {
            best = s[i][j];
            bi = i;
            bj = j;
          }
        }
      }
      if (bi < 0) {
        break;
      }
      for (int k = 0; k < n; k++) {
        if (active[k] && k != bi && k != bj) {
          double v = (size[bi] * s[bi][k] + size[bj] * s[bj][k]) / (size[bi] + size[bj]);
          s[bi][k] = v;
          s[k][bi] = v;
          boolean c = cl[bi][k] || cl[bj][k];
          cl[bi][k] = c;
          cl[k][bi] = c;
        }
      }
      size[bi] += size[bj];
      members.get(bi).addAll(members.get(bj));
      active[bj] = false;
    }
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (active[i]) {
        List<Integer> m = new ArrayList<>(members.get(i));
        m.sort(null);
        out.add(List.copyOf(m));
      }
    }
    out.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
    return out;
  }

  /** The member with the highest mean similarity to the other members (first on ties). */
  public static int medoid(List<Integer> cluster, double[][] sim) {
    int best = cluster.get(0);
    double bestMean = Double.NEGATIVE_INFINITY;
    for (int i : cluster) {
      double sum = 0;
      for (int j : cluster) {
        if (i != j) {
          sum += sim[i][j];
        }
      }
      double mean = cluster.size() == 1 ? 1 : sum / (cluster.size() - 1);
      if (mean > bestMean + 1e-12) {
        bestMean = mean;
        best = i;
      }
    }
    return best;
  }

  /** Mean pairwise similarity inside a cluster (1 for a singleton). */
  public static double cohesion(List<Integer> cluster, double[][] sim) {
    if (cluster.size() < 2) {
      return 1;
    }
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < cluster.size(); a++) {
      for (int b = a + 1; b < cluster.size(); b++) {
        sum += sim[cluster.get(a)][cluster.get(b)];
        pairs++;
      }
    }
    return sum / pairs;
  }
}
