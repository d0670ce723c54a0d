package io.chorus.report;

import java.util.Objects;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A pattern's result as a run report shows it, above the call timeline: the tally and winner of a
 * vote, the sections of a sectioning, the consensus of a deliberation, the findings of a review.
 * The pattern writes it ({@code PatternResult.toMarkdown()} and {@code toJson()}); the report only
 * places it: Markdown with its headings demoted under the report's "Result" heading, HTML rendered
 * from that Markdown (CommonMark with GFM tables; raw HTML escaped, as model text may hold any),
 * JSON as the {@code result} member.
 *
 * @param markdown the result as Markdown
 * @param json the result as a JSON document
 */
public record PatternSection(String markdown, String json) {

  private static final Parser PARSER =
      Parser.builder().extensions(java.util.List.of(TablesExtension.create())).build();
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder()
          .extensions(java.util.List.of(TablesExtension.create()))
          .escapeHtml(true)
          .sanitizeUrls(true)
          .build();

  public PatternSection {
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(json, "json");
  }

  /** The section of {@code result}: its own Markdown and JSON. */
  public static PatternSection of(io.chorus.core.PatternResult result) {
    return new PatternSection(result.toMarkdown(), result.toJson());
  }

  /**
   * The Markdown with every heading two levels down (outside code fences), to nest under "##
   * Result".
   */
  String demotedMarkdown() {
    StringBuilder sb = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      String t = line.stripLeading();
      if (t.startsWith("```") || t.startsWith("~~~")) {
        fenced = !fenced;
      }
      sb.append(!fenced && t.startsWith("#") ? "##" + t : line).append('\n');
    }
    return sb.toString().stripTrailing() + "\n";
  }

  /** The result as an HTML fragment. */
  String html() {
    return HTML.render(PARSER.parse(demotedMarkdown()));
  }
}
