package io.chorus.patterns.vote;

import io.chorus.core.ModelId;
import io.chorus.semantics.Embedder;

/** The built-in aggregators. Consensus thresholds default to {@value #DEFAULT_THRESHOLD}. */
public final class Aggregators {
  private Aggregators() {}

  public static final double DEFAULT_THRESHOLD = 0.6;

  /** Most votes wins; see {@link Majority}. */
  public static Aggregator majority() {
    return new Majority(DEFAULT_THRESHOLD);
  }

  public static Aggregator majority(double consensusThreshold) {
    return new Majority(consensusThreshold);
  }

  /**
   * A winner only with at least {@code threshold} of the valid votes; see {@link
   * ThresholdConsensus}.
   */
  public static Aggregator threshold(double threshold) {
    return new ThresholdConsensus(threshold);
  }

  /** Per-voter weights; see {@link Weighted}. */
  public static Aggregator weighted() {
    return new Weighted(DEFAULT_THRESHOLD);
  }

  public static Aggregator weighted(double consensusThreshold) {
    return new Weighted(consensusThreshold);
  }

  /** Weight times stated confidence; see {@link ConfidenceWeighted}. */
  public static Aggregator confidenceWeighted() {
    return new ConfidenceWeighted(DEFAULT_THRESHOLD);
  }

  public static Aggregator confidenceWeighted(double consensusThreshold) {
    return new ConfidenceWeighted(consensusThreshold);
  }

  /** Borda count over ranking answers; see {@link Borda}. */
  public static Aggregator borda() {
    return new Borda(DEFAULT_THRESHOLD);
  }

  public static Aggregator borda(double consensusThreshold) {
    return new Borda(consensusThreshold);
  }

  /** A judge model merges free-text answers; see {@link JudgeSynthesis}. */
  public static Aggregator judge(ModelId judge) {
    return new JudgeSynthesis(judge, DEFAULT_THRESHOLD, null);
  }

  public static Aggregator judge(ModelId judge, double consensusThreshold, String instruction) {
    return new JudgeSynthesis(judge, consensusThreshold, instruction);
  }

  /**
   * Free-text answers grouped by meaning at the embedder's calibrated similarity ({@code
   * Calibration.MINI_LM} for MiniLM); see {@link SemanticClusters}.
   */
  public static Aggregator semantic(Embedder embedder) {
    return new SemanticClusters(embedder, Double.NaN, DEFAULT_THRESHOLD);
  }

  public static Aggregator semantic(
      Embedder embedder, double similarity, double consensusThreshold) {
    return new SemanticClusters(embedder, similarity, consensusThreshold);
  }
}
