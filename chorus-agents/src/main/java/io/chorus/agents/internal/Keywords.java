package io.chorus.agents.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keyword rule of escalation triggers: a trigger's keywords are its words, lower-cased, with
 * stop words removed and a plural {@code s} dropped ("Python basics needed" gives {@code python,
 * basic}); an input matches when every keyword occurs among the input's words, normalized the same
 * way.
 */
public final class Keywords {
  private static final Set<String> STOP =
      Set.of(
          "a",
          "an",
          "the",
          "and",
          "or",
          "of",
          "to",
          "in",
          "on",
          "for",
          "with",
          "is",
          "are",
          "be",
          "by",
          "as",
          "at",
          "it",
          "its",
          "this",
          "that",
          "need",
          "needed",
          "needs",
          "required",
          "require",
          "requires",
          "help",
          "wanted",
          "when",
          "if",
          "via",
          "using",
          "use",
          "about",
          "more",
          "any",
          "some",
          "into",
          "from",
          "etc");

  private Keywords() {}

  /** The keywords of a trigger. */
  public static List<String> of(String trigger) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : split(trigger)) {
      if (!STOP.contains(raw)) {
        out.add(normalize(raw));
      }
    }
    return List.copyOf(out);
  }

  /** Whether every keyword occurs in {@code text}; false for no keywords. */
  public static boolean matches(List<String> keywords, String text) {
    if (keywords.isEmpty()) {
      return false;
    }
    Set<String> have = words(text);
    return have.containsAll(keywords);
  }

  static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : split(text)) {
      out.add(normalize(raw));
    }
    return out;
  }

  private static List<String> split(String text) {
    return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}+#]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  private static String normalize(String w) {
    return w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")
        ? w.substring(0, w.length() - 1)
        : w;
  }
}
