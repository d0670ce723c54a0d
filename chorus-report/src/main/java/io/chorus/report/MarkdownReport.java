package io.chorus.report;

import io.chorus.common.internal.MarkdownTable;
import io.chorus.core.PriceTable;
import io.chorus.observe.RunTrace;
import io.chorus.observe.TraceStats;

/** A {@link RunTrace} as Markdown: summary table, percentiles, failures. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(RunTrace t) {
    return render(t, null);
  }

  /**
   * The report with a pattern's result (or null) above the calls, its money priced at the default
   * list prices for calls sent one by one.
   */
  public static String render(RunTrace t, PatternSection result) {
    return render(t, result, CostFigures.of(t, PriceTable.defaults()));
  }

  /**
   * The report with a pattern's result (or null) above the calls and {@code cost} (from {@link
   * CostFigures#of(RunTrace, PriceTable, java.util.Set)} over {@code t}) as its money lines.
   */
  public static String render(RunTrace t, PatternSection result, CostFigures cost) {
    TraceStats s = t.stats();
    StringBuilder sb = new StringBuilder();
    sb.append("# Chorus run: ").append(t.title()).append("\n\n");
    if (t.synthetic()) {
      sb.append("> **").append(t.syntheticNotice().replaceFirst(":", ":**")).append("\n\n");
    }
    sb.append("- Run id: `").append(t.runIds().isEmpty() ? "-" : t.runIds().get(0)).append("`\n");
    sb.append("- Started: ")
        .append(t.startedAt())
        .append("; elapsed ")
        .append(t.elapsed().toMillis())
        .append(" ms\n\n");
    if (result != null) {
      sb.append("## Result\n\n").append(result.demotedMarkdown()).append("\n## Calls\n\n");
    }
    sb.append("| Measure | Value |\n|---|---|\n");
    row(sb, "Calls", Integer.toString(s.calls()));
    s.byOutcome().forEach((k, v) -> row(sb, "  " + k, Integer.toString(v)));
    row(sb, "Input tokens", Long.toString(s.usage().totalInputTokens()));
    row(sb, "Output tokens", Long.toString(s.usage().outputTokens()));
    row(sb, "Cost", cost.costLine());
    row(sb, "Cost per successful call", cost.money(cost.perSuccessUsd()));
    if (cost.cacheLine() != null) {
      row(sb, "Prompt cache", cost.cacheLine());
    }
    if (cost.batchLine() != null) {
      row(sb, "Provider batch API", cost.batchLine());
    }
    row(sb, "Latency p50 / p90 / p99 (ms)", triple(s.latencyMillis()));
    row(sb, "Time to first token p50 / p90 / p99 (ms)", triple(s.firstTokenMillis()));
    row(sb, "Attempt time p50 / p90 / p99 (ms)", triple(s.attemptMillis()));
    row(
        sb,
        "Retries / hedges / fallbacks",
        s.retries() + " / " + s.hedges() + " / " + s.fallbacks());
    row(sb, "Cache hits", Integer.toString(s.cacheHits()));
    row(sb, "Peak attempts in flight", Integer.toString(s.peakInFlight()));
    row(sb, "Dead letters", Integer.toString(t.deadLetters()));
    var failed = t.llmCalls().stream().filter(c -> !c.succeeded()).toList();
    if (!failed.isEmpty()) {
      sb.append(
          "\n## Calls that did not succeed\n\n| Call | Model | Outcome | Error | Attempts |\n|---|---|---|---|---|\n");
      failed.stream()
          .limit(200)
          .forEach(
              c ->
                  sb.append("| `")
                      .append(c.callId())
                      .append("` | ")
                      .append(c.model())
                      .append(" | ")
                      .append(RunTrace.outcomeName(c.status()))
                      .append(" | ")
                      .append(MarkdownTable.cell(c.errorMessage()))
                      .append(" | ")
                      .append(c.attempts().size())
                      .append(" |\n"));
    }
    if (!t.breakerTransitions().isEmpty()) {
      sb.append("\n## Circuit breaker\n\n");
      t.breakerTransitions().forEach(b -> sb.append("- ").append(b).append('\n'));
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String k, String v) {
    sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  static String triple(long[] p) {
    if (p[0] < 0) {
      return "-";
    }
    return p[0] + " / " + p[1] + " / " + p[2];
  }
}
