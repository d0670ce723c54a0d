package io.chorus.semantics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Word-level text handling shared by the hashed embedder and the polarity check: tokenizing, stop
 * words and a light suffix stemmer. Hand-written because the rules are a few lines and a full NLP
 * library would be a heavy dependency for them.
 */
public final class Words {

  private Words() {}

  static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "as",
          "is", "are", "was", "were", "be", "been", "being", "it", "its", "it's", "this", "that",
          "these", "those", "from", "into", "than", "then", "so", "such", "can", "could", "will",
          "would", "should", "may", "might", "do", "does", "did", "has", "have", "had", "i", "we",
          "you", "they", "he", "she", "my", "our", "your", "their", "me", "us", "them", "which",
          "who", "what", "when", "where", "how", "also", "very", "just", "e.g", "i.e", "etc",
          "like", "make", "makes", "made", "there", "here", "if", "but", "about", "all");

  /** Lower-case word tokens; apostrophes kept inside words ("doesn't"), other punctuation split. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String s = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean inner =
          c == '\''
              && cur.length() > 0
              && i + 1 < s.length()
              && Character.isLetter(s.charAt(i + 1));
      if (Character.isLetterOrDigit(c) || inner) {
        cur.append(c);
      } else if (cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /** Whether the lower-case token is a stop word. */
  public static boolean isStopWord(String token) {
    return STOP_WORDS.contains(token);
  }

  /** Tokens minus stop words, stemmed. */
  public static List<String> contentStems(String text) {
    List<String> out = new ArrayList<>();
    for (String t : tokens(text)) {
      if (!STOP_WORDS.contains(t)) {
        out.add(stem(t));
      }
    }
    return out;
  }

  /** Strips common English inflections so "improves", "improved", "improving" meet. */
  public static String stem(String w) {
    if (w.length() <= 3 || !Character.isLetter(w.charAt(w.length() - 1))) {
      return w;
    }
    if (w.endsWith("ies") && w.length() > 4) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("ing") && w.length() > 5) {
      return trimE(w.substring(0, w.length() - 3));
    }
    if (w.endsWith("ed") && w.length() > 4) {
      return trimE(w.substring(0, w.length() - 2));
    }
    if (w.endsWith("es") && w.length() > 4) {
      return trimE(w.substring(0, w.length() - 1));
    }
    if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      return trimE(w.substring(0, w.length() - 1));
    }
    return trimE(w);
  }

  private static String trimE(String w) {
    return w.length() > 3 && w.endsWith("e") ? w.substring(0, w.length() - 1) : w;
  }
}
