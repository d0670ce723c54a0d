package io.chorus.advisor.internal;

import io.chorus.advisor.Alternative;
import io.chorus.advisor.Expectation;
import io.chorus.advisor.FiredRule;
import io.chorus.advisor.Recommendation;
import io.chorus.common.internal.MarkdownTable;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Recommendation} as Markdown. */
public final class RecommendationMarkdown {
  private RecommendationMarkdown() {}

  public static String render(Recommendation r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Recommendation: ").append(r.approach().title()).append("\n\n");
    sb.append(r.summary()).append("\n\n");
    sb.append("## Profile\n\n");
    for (Map.Entry<String, Object> e : r.profile().toMap().entrySet())
      sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    sb.append("\n## Reasoning (rules that fired)\n\n");
    for (FiredRule f : r.rules())
      sb.append("- **").append(f.id()).append("**: ").append(f.sentence()).append('\n');
    sb.append("\n## What to expect\n\n").append(expect(r.expectation())).append("\n\n");
    sb.append(
        "## Alternatives\n\n| approach | speedup | memory overhead | trade-off |\n|---|---|---|---|\n");
    for (Alternative a : r.alternatives()) {
      Expectation e = a.expectation();
      sb.append("| ")
          .append(a.approach().title())
          .append(" | ")
          .append(e.speedup() == null ? "not measured" : ReportTable.speedup(e.speedup()))
          .append(" | ")
          .append(
              e.memoryOverheadMb() == null
                  ? "not measured"
                  : String.format(Locale.ROOT, "%+.0f MB", e.memoryOverheadMb()))
          .append(" | ")
          .append(MarkdownTable.cell(a.tradeOff()))
          .append(" |\n");
    }
    sb.append("\n## Migration guide\n\n");
    int i = 1;
    for (String step : r.migration()) sb.append(i++).append(". ").append(step).append('\n');
    sb.append("\n## Pitfalls\n\n");
    for (String p : r.pitfalls()) sb.append("- ").append(p).append('\n');
    return sb.toString();
  }

  private static String expect(Expectation e) {
    if (!e.measured()) return "No measured figure: " + e.source() + ".";
    StringBuilder sb =
        new StringBuilder(
            "- Expected speedup: **" + ReportTable.speedup(e.speedup()) + "** vs sequential");
    if (e.reading() != null) sb.append(" (").append(e.reading().sentence()).append(')');
    sb.append('\n');
    sb.append("- Memory overhead: ")
        .append(
            e.memoryOverheadMb() == null
                ? "not measured"
                : String.format(
                    Locale.ROOT, "%+.0f MB peak RSS vs sequential", e.memoryOverheadMb()))
        .append('\n');
    sb.append("- Source: ").append(e.source());
    return sb.toString();
  }
}
