package io.chorus.deliberation;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A model's answer inside a report: quoted, never spliced. Its own headings ({@code ## Next Steps})
 * would otherwise become sections of the report, so they are demoted to bold lines; in Markdown the
 * whole answer is a block quote, in HTML it is rendered by CommonMark with raw HTML escaped and
 * unsafe link URLs removed. Code fences are kept as they are.
 */
final class ModelText {
  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern SETEXT = Pattern.compile("^\\s{0,3}(=+|-{2,})\\s*$");
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

  private ModelText() {}

  /** The answer with its headings turned into bold lines (code blocks untouched). */
  static String demoteHeadings(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    boolean inCode = false;
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (FENCE.matcher(line).matches()) {
        inCode = !inCode;
      } else if (!inCode) {
        Matcher h = HEADING.matcher(line);
        if (h.matches()) {
          line = h.group(1).isBlank() ? "" : "**" + h.group(1).replace("**", "") + "**";
        } else if (SETEXT.matcher(line).matches() && i > 0 && !lines[i - 1].isBlank()) {
          line = ""; // a setext underline would make the line above a heading
        }
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** The answer as a Markdown block quote, headings demoted. */
  static String quote(String text) {
    String demoted = demoteHeadings(text).strip();
    StringBuilder out = new StringBuilder(demoted.length() + 64);
    for (String line : demoted.split("\n", -1)) {
      out.append(line.isEmpty() ? ">" : "> " + line).append('\n');
    }
    return out.toString().stripTrailing();
  }

  /** The answer rendered as HTML: CommonMark, headings demoted, raw HTML shown as text. */
  static String toHtml(String text) {
    return HTML.render(PARSER.parse(demoteHeadings(text)));
  }
}
