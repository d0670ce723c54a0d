package io.chorus.semantics;

import io.chorus.semantics.internal.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lexical contradiction check. Sentence embeddings score "X is good" and "X is not good" as near
 * paraphrases (MiniLM cosine ≈ 0.95), so a polarity test runs alongside them.
 *
 * <p>Rule: count polarity flips between the two texts. Negation parity is one flip when exactly one
 * text has an odd number of negations ({@link #NEGATIONS}: not, no, never, cannot, n't forms,
 * disagree — "I disagree that X" holds not-X; "non-" is not a negation because "non-blocking" is an
 * ordinary adjective; negation words are never also antonyms, or "always"/"never" and "yes"/"no"
 * would flip twice and cancel out). Each antonym pair split across the texts ({@link #ANTONYMS}:
 * increase/decrease, improve/worsen, faster/slower, better/worse, easy/hard, stable/unstable, …) is
 * another flip. The texts contradict when the number of flips is odd (so "does not increase" and
 * "decreases" agree) and what remains of them, with negations and antonyms removed, is about the
 * same thing: Jaccard overlap of stemmed content words ≥ {@value #MIN_SUBJECT_OVERLAP}. With
 * embeddings ({@link #contradiction(String, String, double, Calibration)}, used by every measure in
 * this package) the cosine must also reach {@link Calibration#sameSubject()}, and a shorter text
 * whose subject words mostly ({@value #MIN_CONTAINED_SUBJECT}) appear in the longer one also
 * counts.
 *
 * <p>Known limits: a sentence with an incidental "not" elsewhere can read as a contradiction of its
 * positive paraphrase; antonyms outside the list and contradictions by paraphrase ("async helps
 * I/O" vs "async is useless for I/O") are missed. Stateless and thread-safe.
 */
public final class Polarity {

  /** Minimum Jaccard overlap of the texts' remaining content stems. */
  public static final double MIN_SUBJECT_OVERLAP = 0.5;

  /** Minimum overlap coefficient of subject words for the embedding-gated rule. */
  public static final double MIN_CONTAINED_SUBJECT = 0.6;

  /** Words that only affirm ("Yes" against "No" is a negation flip with no subject left). */
  static final Set<String> AFFIRMATIVES = Set.of("yes", "yeah", "yep", "indeed", "true");

  /** Negation words. */
  public static final Set<String> NEGATIONS =
      Set.of(
          "not",
          "no",
          "never",
          "none",
          "nothing",
          "neither",
          "nor",
          "cannot",
          "can't",
          "won't",
          "don't",
          "doesn't",
          "didn't",
          "isn't",
          "aren't",
          "wasn't",
          "weren't",
          "shouldn't",
          "wouldn't",
          "couldn't",
          "hasn't",
          "haven't",
          "hadn't",
          "mustn't",
          "nobody",
          "hardly",
          "disagree",
          "disagrees",
          "disagreed");

  /** Antonym pairs: each entry's left words oppose its right words. */
  public static final List<Map.Entry<Set<String>, Set<String>>> ANTONYMS =
      List.of(
          pair("increase raise boost grow more higher", "decrease reduce lower shrink less fewer"),
          pair("improve enhance help", "worsen degrade hurt harm impair"),
          pair("faster quicker fast quick", "slower slow"),
          pair("high", "low"),
          pair("better best", "worse worst"),
          pair("good", "bad"),
          pair("easy easier simple simpler", "hard harder difficult complex complicated"),
          pair("true correct right", "false incorrect wrong"),
          pair("safe", "unsafe dangerous risky"),
          pair("stable", "unstable"),
          pair("secure", "insecure"),
          pair("efficient", "inefficient"),
          pair("possible", "impossible"),
          pair("valid", "invalid"),
          pair("likely", "unlikely"),
          pair("necessary required", "unnecessary optional"),
          pair("consistent", "inconsistent"),
          pair("enable", "disable"),
          pair("advantage benefit pro", "disadvantage drawback downside con"),
          pair("success succeed", "failure fail"),
          pair("accept", "reject"),
          pair("include", "exclude"),
          pair("support", "oppose"),
          pair("recommend", "discourage"),
          pair("cheap cheaper", "expensive costly"),
          pair("many", "few"),
          pair("strong stronger", "weak weaker"));

  private static final Set<String> POLAR_STEMS = new HashSet<>();

  static {
    for (var e : ANTONYMS) {
      POLAR_STEMS.addAll(e.getKey());
      POLAR_STEMS.addAll(e.getValue());
    }
  }

  private Polarity() {}

  private static Map.Entry<Set<String>, Set<String>> pair(String left, String right) {
    return Map.entry(stems(left), stems(right));
  }

  private static Set<String> stems(String words) {
    Set<String> s = new HashSet<>();
    for (String w : words.split(" ")) {
      s.add(Words.stem(w));
    }
    return Set.copyOf(s);
  }

  /**
   * Why the two texts contradict each other by the lexical rule alone (odd number of flips and
   * Jaccard subject overlap ≥ {@value #MIN_SUBJECT_OVERLAP}), or empty.
   *
   * @return a short reason such as {@code negation: "not" in the second text only} or {@code
   *     antonyms: "increases" vs "decreases"}
   */
  public static Optional<String> contradiction(String a, String b) {
    List<String> ta = Words.tokens(a);
    List<String> tb = Words.tokens(b);
    List<String> reasons = flips(ta, tb);
    if (reasons.size() % 2 == 0 || jaccard(subject(ta), subject(tb)) < MIN_SUBJECT_OVERLAP) {
      return Optional.empty();
    }
    return Optional.of(String.join("; ", reasons));
  }

  /**
   * Contradiction of two texts whose embeddings are known to be close: an odd number of flips,
   * {@code cosine ≥ calibration.sameSubject()}, and either the lexical rule's Jaccard overlap or an
   * overlap coefficient (shared subject words over the smaller text's) of at least {@value
   * #MIN_CONTAINED_SUBJECT}. The second test catches a short negation of a longer claim ("Async
   * does not scale to thousands of tasks" against "Handles thousands of concurrent tasks without
   * the overhead of multiprocessing"), which Jaccard misses because the longer text has more words.
   */
  public static Optional<String> contradiction(
      String a, String b, double cosine, Calibration calibration) {
    if (cosine < calibration.sameSubject()) {
      return Optional.empty();
    }
    List<String> ta = Words.tokens(a);
    List<String> tb = Words.tokens(b);
    List<String> reasons = flips(ta, tb);
    if (reasons.size() % 2 == 0) {
      return Optional.empty();
    }
    Set<String> sa = subject(ta);
    Set<String> sb = subject(tb);
    if (jaccard(sa, sb) < MIN_SUBJECT_OVERLAP && containment(sa, sb) < MIN_CONTAINED_SUBJECT) {
      return Optional.empty();
    }
    return Optional.of(String.join("; ", reasons));
  }

  /** One reason per polarity flip between the token lists. */
  private static List<String> flips(List<String> ta, List<String> tb) {
    List<String> reasons = new ArrayList<>();
    List<String> na = ta.stream().filter(NEGATIONS::contains).toList();
    List<String> nb = tb.stream().filter(NEGATIONS::contains).toList();
    if (na.size() % 2 != nb.size() % 2) {
      reasons.add(
          na.size() % 2 == 1
              ? "negation: \"" + na.get(0) + "\" in the first text only"
              : "negation: \"" + nb.get(0) + "\" in the second text only");
    }
    Map<String, String> sa = stemToWord(ta);
    Map<String, String> sb = stemToWord(tb);
    for (var e : ANTONYMS) {
      String aLeft = first(sa, e.getKey());
      String aRight = first(sa, e.getValue());
      String bLeft = first(sb, e.getKey());
      String bRight = first(sb, e.getValue());
      // a pair counts only when split cleanly: one side in each text, not both in either
      if (aLeft != null && aRight == null && bRight != null && bLeft == null) {
        reasons.add("antonyms: \"" + aLeft + "\" vs \"" + bRight + "\"");
      } else if (aRight != null && aLeft == null && bLeft != null && bRight == null) {
        reasons.add("antonyms: \"" + aRight + "\" vs \"" + bLeft + "\"");
      }
    }
    return reasons;
  }

  private static Map<String, String> stemToWord(List<String> tokens) {
    Map<String, String> m = new HashMap<>();
    for (String t : tokens) {
      m.putIfAbsent(Words.stem(t), t);
    }
    return m;
  }

  private static String first(Map<String, String> stemToWord, Set<String> stems) {
    for (String s : stems) {
      String w = stemToWord.get(s);
      if (w != null) {
        return w;
      }
    }
    return null;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<String> inter = new HashSet<>(a);
    inter.retainAll(b);
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return (double) inter.size() / union.size();
  }

  private static double containment(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty() ? 1 : 0;
    }
    Set<String> inter = new HashSet<>(a);
    inter.retainAll(b);
    return (double) inter.size() / Math.min(a.size(), b.size());
  }

  private static Set<String> subject(List<String> tokens) {
    Set<String> s = new HashSet<>();
    for (String t : tokens) {
      if (NEGATIONS.contains(t)) {
        continue;
      }
      String st = Words.stem(t);
      if (!POLAR_STEMS.contains(st) && !AFFIRMATIVES.contains(t) && !Words.isStopWord(t)) {
        s.add(st);
      }
    }
    return s;
  }
}
