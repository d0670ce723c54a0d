package io.chorus.semantics;

import io.chorus.semantics.internal.AverageLinkage;
import io.chorus.semantics.internal.Markdown;
import io.chorus.semantics.internal.PairwiseSimilarity;
import io.chorus.semantics.internal.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Free-text answers grouped by meaning, for semantic voting ("Paris", "The capital is Paris.",
 * "It's Paris, France" count together).
 *
 * <p>How ({@link #of(List, Embedder)}): markdown and answer framing ("The answer is", "I think",
 * "It's", trailing punctuation) are removed before embedding. Answers equal after that and after
 * case folding are always together. A short answer (at most {@value #MAX_CONTAINED_WORDS} content
 * words) whose content words all appear in another answer counts as similar to it at least halfway
 * between {@code sameMeaning} and 1: one-word answers embed poorly ("Paris" vs "The capital is
 * Paris." is 0.756 with MiniLM, "Paris" vs "London" 0.585), and without the rule average linkage
 * splits such groups. The rest are clustered by average linkage at the embedder's {@link
 * Calibration#sameMeaning()} (0.70 with MiniLM). Two answers that {@link Polarity} finds
 * contradictory ("Yes" / "No", "X is safe" / "X is not safe") are never together. Blank answers are
 * listed apart and in no cluster. Immutable and thread-safe.
 *
 * @param clusters largest first; ties by the earliest member
 * @param blank indices of blank answers
 * @param embedder id of the embedder used
 * @param threshold the sameMeaning cosine used
 */
public record TextClusters(
    List<TextCluster> clusters, List<Integer> blank, String embedder, double threshold) {

  private static final Pattern FRAMING =
      Pattern.compile(
          "^(?:(?:the |my |final )*answer(?: is)?\\s*[:\\-]?\\s*|i think(?: that)?\\s+"
              + "|i believe(?: that)?\\s+|i'd say\\s+|it's\\s+|it is\\s+|that's\\s+|that is\\s+)",
          Pattern.CASE_INSENSITIVE);

  /** Longest answer, in content words, that counts as the same as a longer answer containing it. */
  public static final int MAX_CONTAINED_WORDS = 4;

  public TextClusters {
    clusters = List.copyOf(clusters);
    blank = List.copyOf(blank);
  }

  /** Clusters the answers; indices in the result refer to this list. */
  public static TextClusters of(List<String> answers, Embedder embedder) {
    List<Integer> index = new ArrayList<>();
    List<Integer> blank = new ArrayList<>();
    List<String> core = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      String a = answers.get(i);
      String c = a == null ? "" : core(a);
      if (c.isEmpty()) {
        blank.add(i);
      } else {
        index.add(i);
        core.add(c);
      }
    }
    PairwiseSimilarity ps = PairwiseSimilarity.of(core, embedder);
    int n = core.size();
    double[][] sim = ps.cosine;
    double threshold = ps.calibration.sameMeaning();
    List<Set<String>> words = core.stream().map(c -> Set.copyOf(Words.contentStems(c))).toList();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (key(core.get(i)).equals(key(core.get(j)))) {
          sim[i][j] = 1;
        } else if (ps.contradiction[i][j] == null
            && (contains(words.get(j), words.get(i)) || contains(words.get(i), words.get(j)))) {
          sim[i][j] = Math.max(sim[i][j], (1 + threshold) / 2);
        }
      }
    }
    List<TextCluster> out = new ArrayList<>();
    for (List<Integer> g : AverageLinkage.cluster(sim, ps.cannotLink(), threshold)) {
      int rep = AverageLinkage.medoid(g, sim);
      out.add(
          new TextCluster(
              answers.get(index.get(rep)),
              index.get(rep),
              g.stream().map(index::get).toList(),
              AverageLinkage.cohesion(g, sim)));
    }
    out.sort(
        Comparator.comparingInt(TextCluster::count)
            .reversed()
            .thenComparingInt(c -> c.members().get(0)));
    return new TextClusters(out, blank, ps.embedder, threshold);
  }

  /** The text that is embedded: plain, without answer framing or trailing punctuation. */
  static String core(String answer) {
    String s = Markdown.inline(Markdown.stripCode(answer)).replaceAll("\\s+", " ").strip();
    s = FRAMING.matcher(s).replaceFirst("");
    return s.replaceAll("[\\s.!?;:,]+$", "").strip();
  }

  /** A short answer's content words all inside a longer one: "Paris" in "The capital is Paris". */
  private static boolean contains(Set<String> longer, Set<String> shorter) {
    return !shorter.isEmpty()
        && shorter.size() <= MAX_CONTAINED_WORDS
        && longer.containsAll(shorter);
  }

  private static String key(String core) {
    return core.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** The largest cluster, if any answer was not blank. */
  public java.util.Optional<TextCluster> top() {
    return clusters.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(clusters.get(0));
  }

  /** Share of non-blank answers in the largest cluster, in [0, 1]; 0 with no answers. */
  public double agreementRatio() {
    int total = clusters.stream().mapToInt(TextCluster::count).sum();
    return total == 0 ? 0 : (double) clusters.get(0).count() / total;
  }
}
