package io.chorus.patterns.vote;

import io.chorus.semantics.Calibration;
import io.chorus.semantics.Embedder;
import io.chorus.semantics.TextCluster;
import io.chorus.semantics.TextClusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Free-text voting by meaning: answers that mean the same count together, grouped by
 * chorus-semantics {@link TextClusters} (answer framing removed, equal answers always together,
 * average-link clustering at the similarity threshold, contradictory answers such as "yes"/"no"
 * never together).
 *
 * <p>The similarity threshold is the embedder's {@link Calibration#sameMeaning()} unless given:
 * {@link Calibration#MINI_LM} for the in-process all-MiniLM-L6-v2 model ({@link Embedder#miniLm()},
 * measured by chorus-semantics on paraphrase and related-claim pairs), {@link Calibration#HASHED}
 * for the lexical {@link Embedder#hashed()} fallback. The threshold in use is part of {@link
 * #name()}, so every report states it. The largest group wins (ties: the group whose first answer
 * came first); its representative, the most central answer, is the winner. {@code agreement} is the
 * winner group's share of valid votes and {@code consensus} is {@code agreement >= threshold}.
 * Immutable and thread-safe.
 */
public final class SemanticClusters implements Aggregator {

  private final Embedder embedder;
  private final double threshold;

  /**
   * @param embedder the embedding model
   * @param similarity the cosine at which answers mean the same, or NaN for the embedder's own
   * @param threshold the consensus threshold
   */
  public SemanticClusters(Embedder embedder, double similarity, double threshold) {
    Objects.requireNonNull(embedder, "embedder");
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("consensus threshold must be in (0, 1], was " + threshold);
    }
    if (!Double.isNaN(similarity)) {
      if (!(similarity > -1 && similarity <= 1)) {
        throw new IllegalArgumentException(
            "similarity threshold must be in (-1, 1], was " + similarity);
      }
      Calibration c = embedder.calibration();
      embedder =
          embedder.withCalibration(
              new Calibration(
                  similarity, Math.min(c.unrelatedBelow(), similarity - 0.01), c.sameSubject()));
    }
    this.embedder = embedder;
    this.threshold = threshold;
  }

  /** The cosine at or above which two answers count together. */
  public double similarity() {
    return embedder.calibration().sameMeaning();
  }

  @Override
  public String name() {
    return String.format(
        Locale.ROOT,
        "semantic(%s, similarity>=%.2f, consensus>=%.2f)",
        embedder.id(),
        similarity(),
        threshold);
  }

  @Override
  public Tally tally(Ballot ballot) {
    List<Vote> valid = ballot.validVotes();
    if (valid.isEmpty()) {
      return new Tally(
          name(),
          null,
          null,
          Map.of(),
          Map.of(),
          0,
          0,
          false,
          threshold,
          null,
          List.of(),
          null,
          ballot.votes());
    }
    TextClusters clusters = TextClusters.of(valid.stream().map(Vote::choice).toList(), embedder);
    if (clusters.clusters().isEmpty()) {
      return new Tally(
          name(),
          null,
          null,
          Map.of(),
          Map.of(),
          0,
          0,
          false,
          threshold,
          null,
          List.of(),
          null,
          ballot.votes());
    }
    List<AnswerGroup> groups = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    for (TextCluster c : clusters.clusters()) {
      groups.add(
          new AnswerGroup(
              c.representative(),
              c.members().stream().map(i -> valid.get(i).voter()).toList(),
              c.cohesion()));
      counts.merge(c.representative(), c.count(), Integer::sum);
      scores.merge(c.representative(), (double) c.count(), Double::sum);
    }
    int total = clusters.clusters().stream().mapToInt(TextCluster::count).sum();
    TextCluster top = clusters.clusters().get(0);
    int second = clusters.clusters().size() > 1 ? clusters.clusters().get(1).count() : 0;
    double agreement = (double) top.count() / total;
    String tieBreak =
        second == top.count() ? "tie between groups broken by the earliest answer" : null;
    return new Tally(
        name(),
        top.representative(),
        top.representative(),
        counts,
        scores,
        top.count() - second,
        agreement,
        agreement >= threshold - 1e-12,
        threshold,
        tieBreak,
        groups,
        null,
        ballot.votes());
  }
}
