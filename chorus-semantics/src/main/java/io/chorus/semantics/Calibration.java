package io.chorus.semantics;

/**
 * Similarity thresholds calibrated for one embedder. Cosine values mean different things in
 * different embedding spaces, so each {@link Embedder} carries its own.
 *
 * <p>For all-MiniLM-L6-v2 (quantized), measured on {@code calibration-pairs.tsv} in this module's
 * tests (14 paraphrase, 8 related-but-different, 6 unrelated and 8 contradictory pairs; the figures
 * are asserted by {@code CalibrationPairsTest}): paraphrases 0.565–0.964, related-but-different
 * claims 0.158–0.810, unrelated pairs −0.03–0.05, negated or antonym paraphrases 0.91–0.97. No
 * threshold separates paraphrases from related claims. At 0.60, 12 of 14 paraphrases and 3 of 8
 * related pairs reach the line; at 0.70, 9 and 3; at 0.75, 8 and 2. On long claims about one topic
 * (two answers of one model, all about async I/O) 0.60 and 0.65 merged claims that say different
 * things ("…create_task() enables easy orchestration" with "…hybridize with asyncio.to_thread()"),
 * 0.70 did not. {@link #sameMeaning()} = 0.70 is the point where those false merges stop; a false
 * "agreement" in a report is worse than a missed one. Graded measures (convergence) give partial
 * credit between {@link #unrelatedBelow()} = 0.30 (above every unrelated pair and most related
 * ones) and {@code sameMeaning}, so paraphrases just under the line still count. {@link
 * #sameSubject()} = 0.50: negated paraphrases sit above 0.9, but a short negation of a longer claim
 * can sit lower ("Async does not scale to thousands of concurrent tasks" against "Handles thousands
 * of concurrent tasks without the overhead of multiprocessing…": 0.53); no related-but-different
 * pair of the set reaches 0.50 except those that also reach 0.70.
 *
 * @param sameMeaning cosine at or above which two texts are taken to mean the same (clustering,
 *     voting, full credit in convergence)
 * @param unrelatedBelow cosine at or below which two texts share no meaning (zero credit)
 * @param sameSubject cosine at or above which two texts are about the same thing, so a polarity
 *     difference between them is a contradiction (see {@link Polarity})
 */
public record Calibration(double sameMeaning, double unrelatedBelow, double sameSubject) {

  /** Thresholds for the quantized all-MiniLM-L6-v2 model; see the class comment. */
  public static final Calibration MINI_LM = new Calibration(0.70, 0.30, 0.50);

  /**
   * Thresholds for the hashed word/bigram fallback, measured on the same pairs: paraphrases
   * 0.00–0.88 (5 of 14 reach 0.50), related pairs 0.00–0.47, unrelated 0.00, contradictions
   * 0.64–0.87. Lexical vectors score paraphrases that share few words low, so this embedder finds
   * fewer agreements, never false ones on these pairs.
   */
  public static final Calibration HASHED = new Calibration(0.50, 0.10, 0.40);

  public Calibration {
    if (!(unrelatedBelow < sameMeaning) || sameMeaning > 1 || unrelatedBelow < -1) {
      throw new IllegalArgumentException(
          "calibration needs -1 <= unrelatedBelow < sameMeaning <= 1, got unrelatedBelow="
              + unrelatedBelow
              + " sameMeaning="
              + sameMeaning);
    }
    if (sameSubject < -1 || sameSubject > 1) {
      throw new IllegalArgumentException("sameSubject must be in [-1, 1], got " + sameSubject);
    }
  }

  /**
   * Graded match strength of a cosine: 0 at or below {@link #unrelatedBelow()}, 1 at or above
   * {@link #sameMeaning()}, linear in between.
   */
  public double strength(double cosine) {
    if (cosine <= unrelatedBelow) {
      return 0;
    }
    if (cosine >= sameMeaning) {
      return 1;
    }
    return (cosine - unrelatedBelow) / (sameMeaning - unrelatedBelow);
  }
}
