package io.chorus.patterns.vote;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of a vote and how a written decision is matched to one of them.
 *
 * <p>Matching, in order (first rule that gives exactly one option wins):
 *
 * <ol>
 *   <li>the same {@linkplain #canonical canonical form} ({@code "Needs Review."} is {@code
 *       needs_review}: case, punctuation, spaces, hyphens and underscores do not matter);
 *   <li>a {@link SynonymTable} group containing both the decision and exactly one option ({@code
 *       reject} → {@code rejected}, {@code ok} → {@code acceptable});
 *   <li>the decision starts with an option (or a synonym of exactly one option) as whole words
 *       ({@code "rejected - it contains a threat"}); the longest such option wins.
 * </ol>
 *
 * A decision that matches nothing, or more than one option equally, is no match: the vote is
 * invalid. Unlike a substring test, {@code unacceptable} never matches {@code acceptable}.
 * Immutable and thread-safe.
 */
public final class Choices {

  private final List<String> options;
  private final Map<String, String> byCanonical = new LinkedHashMap<>();
  private final SynonymTable synonyms;

  private Choices(List<String> options, SynonymTable synonyms) {
    this.options = List.copyOf(options);
    this.synonyms = Objects.requireNonNull(synonyms, "synonyms");
    for (String o : this.options) {
      String c = canonical(o);
      if (c.isEmpty()) {
        throw new IllegalArgumentException("vote option '" + o + "' has no letters or digits");
      }
      if (byCanonical.putIfAbsent(c, o) != null) {
        throw new IllegalArgumentException(
            "vote options '"
                + byCanonical.get(c)
                + "' and '"
                + o
                + "' are the same once normalised");
      }
    }
  }

  /** Options with the default synonym table. */
  public static Choices of(List<String> options) {
    return new Choices(options, SynonymTable.defaults());
  }

  public static Choices of(List<String> options, SynonymTable synonyms) {
    return new Choices(options, synonyms);
  }

  public List<String> options() {
    return options;
  }

  public SynonymTable synonyms() {
    return synonyms;
  }

  public boolean isEmpty() {
    return options.isEmpty();
  }

  /**
   * Lower case, accents and punctuation dropped, runs of spaces, hyphens, slashes and underscores
   * made one {@code _}, trimmed of {@code _}.
   */
  public static String canonical(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    t =
        t.toLowerCase(Locale.ROOT)
            .replaceAll("[\\s\\-_/]+", "_")
            .replaceAll("[^\\p{L}\\p{N}_]", "");
    return t.replaceAll("_+", "_").replaceAll("^_|_$", "");
  }

  /** The option {@code decision} means, or empty when it matches none (or several). */
  public Optional<String> match(String decision) {
    if (decision == null) {
      return Optional.empty();
    }
    String c = canonical(decision);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    String exact = byCanonical.get(c);
    if (exact != null) {
      return Optional.of(exact);
    }
    Optional<String> syn = bySynonym(c);
    if (syn.isPresent()) {
      return syn;
    }
    // leading whole words: "rejected_because_it_threatens" -> rejected
    String best = null;
    int bestLen = -1;
    boolean ambiguous = false;
    String[] words = c.split("_");
    for (int n = words.length - 1; n >= 1; n--) {
      String prefix = String.join("_", java.util.Arrays.copyOf(words, n));
      String hit = byCanonical.get(prefix);
      if (hit == null) {
        hit = bySynonym(prefix).orElse(null);
      }
      if (hit != null) {
        if (prefix.length() > bestLen) {
          best = hit;
          bestLen = prefix.length();
          ambiguous = false;
        } else if (prefix.length() == bestLen && !hit.equals(best)) {
          ambiguous = true;
        }
        break; // longest prefix first, so the first hit is the best
      }
    }
    return best == null || ambiguous ? Optional.empty() : Optional.of(best);
  }

  private Optional<String> bySynonym(String canonicalWord) {
    List<String> hits = new ArrayList<>();
    for (Set<String> group : synonyms.groupsOf(canonicalWord)) {
      for (Map.Entry<String, String> e : byCanonical.entrySet()) {
        if (group.contains(e.getKey()) && !hits.contains(e.getValue())) {
          hits.add(e.getValue());
        }
      }
    }
    return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
  }

  /** The position of {@code option} in declared order, or -1. */
  public int indexOf(String option) {
    return options.indexOf(option);
  }

  @Override
  public String toString() {
    return "Choices" + options;
  }
}
