package io.chorus.review;

import java.util.List;

/**
 * A contiguous slice of a {@link SourceFile}, reviewed in one call. Line numbers are the file's.
 *
 * @param file the file's path
 * @param language the file's language
 * @param firstLine the first line, from 1
 * @param lines the lines of the slice
 */
public record CodeChunk(String file, String language, int firstLine, List<String> lines) {
  public CodeChunk {
    lines = List.copyOf(lines);
  }

  public int lastLine() {
    return firstLine + lines.size() - 1;
  }

  /** The lines prefixed with their numbers ({@code " 12 | code"}), as reviewers see them. */
  public String numbered() {
    StringBuilder sb = new StringBuilder();
    int width = Integer.toString(lastLine()).length();
    for (int i = 0; i < lines.size(); i++) {
      String n = Integer.toString(firstLine + i);
      sb.append(" ".repeat(width - n.length()))
          .append(n)
          .append(" | ")
          .append(lines.get(i))
          .append('\n');
    }
    return sb.toString();
  }
}
