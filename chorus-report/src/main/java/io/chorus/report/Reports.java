package io.chorus.report;

import io.chorus.observe.RunTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a {@link RunTrace} in the format its file name asks for: {@code .html}, {@code .json} or {@code .md}. */
public final class Reports {

  private Reports() {}

  /**
   * @throws IllegalArgumentException when the extension is none of html, htm, json, md
   */
  public static void write(RunTrace trace, Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String text;
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      text = HtmlReport.render(trace);
    } else if (name.endsWith(".json")) {
      text = JsonReport.render(trace);
    } else if (name.endsWith(".md") || name.endsWith(".markdown")) {
      text = MarkdownReport.render(trace);
    } else {
      throw new IllegalArgumentException("report " + file + ": use a file ending in .html, .json or .md");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text);
  }
}
