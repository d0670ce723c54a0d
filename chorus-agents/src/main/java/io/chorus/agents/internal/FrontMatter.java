package io.chorus.agents.internal;

import io.chorus.agents.Problem;
import io.chorus.common.internal.LocatedYaml;
import java.util.List;

/**
 * A Markdown file split into its YAML front matter (between a first line {@code ---} and the next
 * {@code ---} line) and its body, with the file line each part starts on.
 *
 * @param present whether the file had front matter
 * @param yaml the front matter text (empty when absent)
 * @param yamlFirstLine the file line of the first front-matter line
 * @param body the Markdown after the closing {@code ---}
 * @param bodyFirstLine the file line of the first body line
 */
public record FrontMatter(
    boolean present, String yaml, int yamlFirstLine, String body, int bodyFirstLine) {

  /**
   * The front matter read as YAML, every line a line of the file. A syntax error (the result is
   * then null) and every duplicate key are added to {@code problems}.
   */
  public LocatedYaml read(String file, List<Problem> problems) {
    LocatedYaml y;
    try {
      y = LocatedYaml.read(yaml, yamlFirstLine);
    } catch (LocatedYaml.Invalid e) {
      problems.add(
          Problem.error(
              file,
              Math.max(e.line(), yamlFirstLine),
              "invalid YAML in front matter: " + e.problem()));
      return null;
    }
    for (LocatedYaml.Duplicate d : y.duplicates()) {
      problems.add(
          Problem.error(
              file,
              d.line(),
              "duplicate key '" + d.key() + "' (first on line " + d.firstLine() + ")"));
    }
    return y;
  }

  /** Normalizes line ends and drops a byte-order mark. */
  public static String normalize(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return t.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * Splits {@code text} (already {@linkplain #normalize normalized}). A missing front matter is an
   * error when {@code required}; an unclosed one always is. Returns null after an error.
   */
  public static FrontMatter split(
      String file, String text, boolean required, List<Problem> problems) {
    String[] lines = text.split("\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      if (required) {
        problems.add(
            Problem.error(
                file,
                1,
                "an agent file must start with a '---' line opening its YAML front matter"));
        return null;
      }
      return new FrontMatter(false, "", 1, text, 1);
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].stripTrailing().equals("---")) {
        String yaml = String.join("\n", java.util.Arrays.copyOfRange(lines, 1, i));
        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
        return new FrontMatter(true, yaml, 2, body, i + 2);
      }
    }
    problems.add(
        Problem.error(
            file, 1, "the front matter opened on line 1 is never closed by a '---' line"));
    return null;
  }
}
