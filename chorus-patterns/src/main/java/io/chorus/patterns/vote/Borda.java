package io.chorus.patterns.vote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranked voting by Borda count. With n options, a vote's ranking gives n−1 points to its first
 * option, n−2 to the second, and so on; options it leaves out get nothing. A vote with a single
 * decision and no ranking gives n−1 to that option. Most points wins; ties: more first places, then
 * declared order. {@code agreement} is the winner's share of first places among valid votes, and
 * {@code consensus} is {@code agreement >= threshold}. Needs options. Immutable.
 */
public final class Borda implements Aggregator {

  private final double threshold;

  public Borda(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("consensus threshold must be in (0, 1], was " + threshold);
    }
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "borda(consensus>=%.2f)", threshold);
  }

  private record Points(
      Map<String, Double> points, Map<String, Integer> firsts, List<String> ranked) {}

  private Points points(Ballot ballot) {
    List<String> options = ballot.choices().options();
    if (options.isEmpty()) {
      throw new IllegalArgumentException("Borda count needs options to rank");
    }
    int n = options.size();
    Map<String, Double> points = new LinkedHashMap<>();
    Map<String, Integer> firsts = new LinkedHashMap<>();
    options.forEach(
        o -> {
          points.put(o, 0.0);
          firsts.put(o, 0);
        });
    for (Vote v : ballot.validVotes()) {
      List<String> ranking = v.ranking().isEmpty() ? List.of(v.choice()) : v.ranking();
      for (int i = 0; i < ranking.size(); i++) {
        points.merge(ranking.get(i), (double) (n - 1 - i), Double::sum);
      }
      firsts.merge(ranking.get(0), 1, Integer::sum);
    }
    List<String> ranked = new ArrayList<>(options);
    ranked.sort(
        (x, y) -> {
          int c = Double.compare(points.get(y), points.get(x));
          if (c == 0) {
            c = Integer.compare(firsts.get(y), firsts.get(x));
          }
          return c != 0 ? c : Integer.compare(options.indexOf(x), options.indexOf(y));
        });
    return new Points(points, firsts, ranked);
  }

  @Override
  public Tally tally(Ballot ballot) {
    Points p = points(ballot);
    int valid = ballot.validVotes().size();
    String leader = valid == 0 ? null : p.ranked().get(0);
    double lead = leader == null ? 0 : p.points().get(leader);
    double second = p.ranked().size() > 1 ? p.points().get(p.ranked().get(1)) : 0;
    double agreement = leader == null ? 0 : (double) p.firsts().get(leader) / valid;
    String tieBreak = null;
    if (leader != null && lead == second) {
      tieBreak =
          p.firsts().get(leader) > p.firsts().get(p.ranked().get(1))
              ? "tie on points broken by more first places"
              : "tie broken by declared order (first option wins)";
    }
    return new Tally(
        name(),
        leader,
        leader,
        p.firsts(),
        p.points(),
        lead - second,
        agreement,
        leader != null && agreement >= threshold - 1e-12,
        threshold,
        tieBreak,
        List.of(),
        null,
        ballot.votes());
  }

  /** Settled when no pending ranking can close the points gap or change the first-place flag. */
  @Override
  public boolean settled(Ballot partial, List<Voter> pending) {
    int valid = partial.validVotes().size();
    if (valid == 0) {
      return false;
    }
    Points p = points(partial);
    int n = partial.choices().options().size();
    double lead = p.points().get(p.ranked().get(0));
    double second = p.points().get(p.ranked().get(1 % p.ranked().size()));
    int m = pending.size();
    if (!(lead - second > (double) m * (n - 1))) {
      return false;
    }
    int f = p.firsts().get(p.ranked().get(0));
    boolean low = (double) f / (valid + m) >= threshold - 1e-12;
    boolean high = (double) (f + m) / (valid + m) >= threshold - 1e-12;
    return low == high;
  }
}
