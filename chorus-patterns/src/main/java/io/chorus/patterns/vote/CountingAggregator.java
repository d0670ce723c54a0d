package io.chorus.patterns.vote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared logic of the aggregators that add up a score per choice (majority, threshold, weighted,
 * confidence-weighted).
 *
 * <p>Ranking of choices, in order: higher score; then more votes; then higher summed confidence;
 * then the option declared first (for free-text votes: the answer given first). Free-text answers
 * count together when their {@linkplain Choices#canonical canonical forms} are equal.
 */
abstract sealed class CountingAggregator implements Aggregator
    permits Majority, ThresholdConsensus, Weighted, ConfidenceWeighted {

  final double threshold;

  CountingAggregator(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("consensus threshold must be in (0, 1], was " + threshold);
    }
    this.threshold = threshold;
  }

  /** What one valid vote adds to its choice; by default 1, one vote each. */
  double score(Vote vote) {
    return 1;
  }

  /** The most a pending voter could add; by default 1, matching {@link #score}'s default. */
  double maxScore(Voter voter) {
    return 1;
  }

  /** Whether the winner is withheld when there is no consensus. */
  boolean withholdWithoutConsensus() {
    return false;
  }

  /** Per-choice sums, keyed by display label in ranking-independent order. */
  record Board(
      Map<String, Integer> counts,
      Map<String, Double> scores,
      Map<String, Double> confidence,
      List<String> order) {}

  final Board board(Ballot ballot) {
    Map<String, String> labelByKey = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, Double> conf = new LinkedHashMap<>();
    for (String o : ballot.choices().options()) {
      labelByKey.put(o, o);
      counts.put(o, 0);
      scores.put(o, 0.0);
      conf.put(o, 0.0);
    }
    boolean free = ballot.choices().isEmpty();
    for (Vote v : ballot.validVotes()) {
      String key = free ? Choices.canonical(v.choice()) : v.choice();
      String label = labelByKey.computeIfAbsent(key, k -> v.choice());
      counts.merge(label, 1, Integer::sum);
      scores.merge(label, score(v), Double::sum);
      conf.merge(label, v.confidence().value(), Double::sum);
    }
    return new Board(counts, scores, conf, new ArrayList<>(counts.keySet()));
  }

  final List<String> ranked(Board b) {
    List<String> order = new ArrayList<>(b.order());
    order.sort(
        (x, y) -> {
          int c = Double.compare(b.scores().get(y), b.scores().get(x));
          if (c == 0) {
            c = Integer.compare(b.counts().get(y), b.counts().get(x));
          }
          if (c == 0) {
            c = Double.compare(b.confidence().get(y), b.confidence().get(x));
          }
          return c != 0 ? c : Integer.compare(b.order().indexOf(x), b.order().indexOf(y));
        });
    return order;
  }

  @Override
  public final Tally tally(Ballot ballot) {
    Board b = board(ballot);
    List<String> ranked = ranked(b);
    double total = b.scores().values().stream().mapToDouble(Double::doubleValue).sum();
    boolean any = !ballot.validVotes().isEmpty();
    String leader = any && !ranked.isEmpty() ? ranked.get(0) : null;
    double lead = leader == null ? 0 : b.scores().get(leader);
    double second = ranked.size() > 1 ? b.scores().get(ranked.get(1)) : 0;
    String tieBreak = null;
    if (leader != null && ranked.size() > 1 && lead == second) {
      String runner = ranked.get(1);
      if (!b.counts().get(leader).equals(b.counts().get(runner))) {
        tieBreak = "tie on score broken by vote count";
      } else if (!b.confidence().get(leader).equals(b.confidence().get(runner))) {
        tieBreak = "tie broken by higher summed confidence";
      } else {
        tieBreak = "tie broken by declared order (first option wins)";
      }
    }
    double agreement = total > 0 ? lead / total : 0;
    boolean consensus = leader != null && agreement >= threshold - 1e-12;
    String winner = withholdWithoutConsensus() && !consensus ? null : leader;
    return new Tally(
        name(),
        winner,
        leader,
        b.counts(),
        b.scores(),
        lead - second,
        agreement,
        consensus,
        threshold,
        tieBreak,
        List.of(),
        null,
        ballot.votes());
  }

  /**
   * Settled when the leader's lead over every other choice exceeds what all pending voters could
   * add (strictly, so that no tie-break can be reached), and the consensus flag is the same at both
   * extremes: every pending voter joins the leader, or every one goes elsewhere.
   */
  @Override
  public final boolean settled(Ballot partial, List<Voter> pending) {
    if (partial.validVotes().isEmpty()) {
      return false;
    }
    double m = pending.stream().mapToDouble(this::maxScore).sum();
    Board b = board(partial);
    List<String> ranked = ranked(b);
    double lead = b.scores().get(ranked.get(0));
    // free-text votes: a new answer may appear, starting from zero
    double second = ranked.size() > 1 ? b.scores().get(ranked.get(1)) : 0;
    if (!(lead - second > m)) {
      return false;
    }
    double total = b.scores().values().stream().mapToDouble(Double::doubleValue).sum();
    boolean low = lead / (total + m) >= threshold - 1e-12;
    boolean high = (lead + m) / (total + m) >= threshold - 1e-12;
    return low == high;
  }
}
