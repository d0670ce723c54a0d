package io.chorus.semantics;

/**
 * Cosine similarity, and the "means the same" test.
 *
 * <p>Two texts mean the same when the cosine of their embeddings reaches the embedder's {@link
 * Calibration#sameMeaning()} (0.70 for MiniLM, see {@link Calibration} for the measurements) and
 * {@link Polarity} finds no contradiction between them: embeddings place "X is good" and "X is not
 * good" close together (cosine ≈ 0.95), so cosine alone cannot say they disagree. Stateless and
 * thread-safe.
 */
public final class Similarity {

  private Similarity() {}

  /** Cosine of two vectors of equal length; 0 when either is all zeros. */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors differ in length: " + a.length + " vs " + b.length);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 || nb == 0) {
      return 0;
    }
    return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
  }

  /** Cosine of the two texts' embeddings. */
  public static double cosine(Embedder embedder, String a, String b) {
    var e = embedder.embedAll(java.util.List.of(a, b));
    return e.get(0).cosine(e.get(1));
  }

  /**
   * Whether two texts mean the same: cosine at or above the embedder's {@code sameMeaning} and no
   * contradiction by {@link Polarity#contradiction(String, String, double, Calibration)}.
   */
  public static boolean sameMeaning(Embedder embedder, String a, String b) {
    double c = cosine(embedder, a, b);
    Calibration cal = embedder.calibration();
    return c >= cal.sameMeaning() && Polarity.contradiction(a, b, c, cal).isEmpty();
  }
}
