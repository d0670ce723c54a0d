package io.chorus.report;

import io.chorus.core.PriceTable;
import io.chorus.observe.RunTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link RunTrace} in the format its file name asks for: {@code .html}, {@code .json} or
 * {@code .md}.
 */
public final class Reports {

  private Reports() {}

  /**
   * Checks that {@code file} names a format {@link #write} writes, before anything is run.
   *
   * @throws IllegalArgumentException when the extension is none of html, htm, json, md, markdown
   */
  public static void checkFormat(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".html")
        || name.endsWith(".htm")
        || name.endsWith(".json")
        || name.endsWith(".md")
        || name.endsWith(".markdown"))) {
      throw new IllegalArgumentException(
          "report " + file + ": use a file ending in .html, .json or .md");
    }
  }

  /**
   * @throws IllegalArgumentException when the extension is none of html, htm, json, md
   */
  public static void write(RunTrace trace, Path file) throws IOException {
    write(trace, null, file);
  }

  /**
   * Writes the report of a pattern run: {@code result} (its tally, sections, consensus or findings)
   * first, then the calls.
   *
   * @param result the pattern's result, or null for a run of plain calls
   * @throws IllegalArgumentException when the extension is none of html, htm, json, md
   */
  public static void write(RunTrace trace, PatternSection result, Path file) throws IOException {
    write(trace, result, CostFigures.of(trace, PriceTable.defaults()), file);
  }

  /**
   * Writes the report of a run with {@code cost} as its money lines: build it with {@link
   * CostFigures#of(RunTrace, PriceTable, java.util.Set)} from the configured prices and the
   * providers whose calls went through their batch APIs, so the report states what the batch route
   * saved.
   *
   * @param result the pattern's result, or null for a run of plain calls
   * @throws IllegalArgumentException when the extension is none of html, htm, json, md
   */
  public static void write(RunTrace trace, PatternSection result, CostFigures cost, Path file)
      throws IOException {
    checkFormat(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String text;
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      text = HtmlReport.render(trace, result, cost);
    } else if (name.endsWith(".json")) {
      text = JsonReport.render(trace, result, cost);
    } else {
      text = MarkdownReport.render(trace, result, cost);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text);
  }
}
