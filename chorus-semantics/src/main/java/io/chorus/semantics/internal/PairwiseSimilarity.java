package io.chorus.semantics.internal;

import io.chorus.semantics.Calibration;
import io.chorus.semantics.Embedder;
import io.chorus.semantics.Embedding;
import io.chorus.semantics.Polarity;
import java.util.List;

/**
 * All-pairs cosine and contradiction matrix for a list of texts, embedded in one batch.
 * Contradictions are looked for only where the cosine reaches {@link Calibration#sameSubject()}.
 */
public final class PairwiseSimilarity {

  public final String embedder;
  public final Calibration calibration;
  public final double[][] cosine;

  /** Reason for a contradiction between i and j, or null. */
  public final String[][] contradiction;

  private PairwiseSimilarity(
      String embedder, Calibration calibration, double[][] cosine, String[][] contradiction) {
    this.embedder = embedder;
    this.calibration = calibration;
    this.cosine = cosine;
    this.contradiction = contradiction;
  }

  public static PairwiseSimilarity of(List<String> texts, Embedder embedder) {
    List<Embedding> e = embedder.embedAll(texts);
    Calibration cal = embedder.calibration();
    String id = e.isEmpty() ? embedder.id() : e.get(0).embedder();
    int n = texts.size();
    double[][] cos = new double[n][n];
    String[][] contra = new String[n][n];
    for (int i = 0; i < n; i++) {
      cos[i][i] = 1;
      for (int j = i + 1; j < n; j++) {
        double c = e.get(i).cosine(e.get(j));
        cos[i][j] = c;
        cos[j][i] = c;
        String why = Polarity.contradiction(texts.get(i), texts.get(j), c, cal).orElse(null);
        contra[i][j] = why;
        contra[j][i] = why;
      }
    }
    return new PairwiseSimilarity(id, cal, cos, contra);
  }

  public boolean[][] cannotLink() {
    int n = cosine.length;
    boolean[][] b = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i][j] = contradiction[i][j] != null;
      }
    }
    return b;
  }
}
