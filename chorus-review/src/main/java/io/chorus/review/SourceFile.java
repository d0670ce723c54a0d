package io.chorus.review;

import java.util.List;

/**
 * A file under review.
 *
 * @param path the path as reports show it (relative to the review's base folder, with {@code /})
 * @param language the detected language, e.g. {@code python}, {@code java}, or {@code text}
 * @param lines the file's lines, without line terminators
 */
public record SourceFile(String path, String language, List<String> lines) {
  public SourceFile {
    lines = List.copyOf(lines);
  }
}
