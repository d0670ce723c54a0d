package io.chorus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Near matches for a mistyped command or option, by Damerau-Levenshtein distance (a swap of two
 * letters counts as one edit). picocli's own suggestions use a similarity that misses short words
 * such as {@code aks} for {@code ask}; this fills that gap.
 */
final class Suggestions {

  private Suggestions() {}

  static List<String> near(String typed, CommandLine cl) {
    List<String> names = new ArrayList<>();
    if (typed.startsWith("-")) {
      cl.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
    } else {
      names.addAll(cl.getSubcommands().keySet());
    }
    String t = typed.toLowerCase(Locale.ROOT);
    int limit = t.length() <= 4 ? 1 : 2;
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (distance(t, n.toLowerCase(Locale.ROOT)) <= limit) {
        out.add(n);
      }
    }
    return out;
  }

  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
