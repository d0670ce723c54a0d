package io.chorus.report;

import io.chorus.common.internal.Html;
import io.chorus.core.Attempt;
import io.chorus.core.CallRecord;
import io.chorus.core.PriceTable;
import io.chorus.observe.RunTrace;
import io.chorus.observe.TraceStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A {@link RunTrace} as one self-contained HTML page: inline CSS, SVG and a few lines of inline
 * JavaScript (outcome filters), no external assets, so it opens offline and can be mailed.
 *
 * <p>The timeline has one row per call, in start order: a thin grey line while queued, a hatched
 * amber stretch for each rate-limit wait, one bar per attempt coloured by its result (green
 * succeeded, red failed, grey cancelled, amber timed out; hedges dashed, fallbacks outlined in
 * purple), a black tick at the first token. Above it, the number of calls in flight over time.
 * Hand-written rather than a charting library because the page must carry no external assets.
 */
public final class HtmlReport {

  /** Rows drawn at most; larger runs show the first ones by start time and say so. */
  public static final int MAX_ROWS = 1500;

  private static final int LEFT = 60;
  private static final int WIDTH = 1100;
  private static final int ROW = 6;

  private HtmlReport() {}

  public static String render(RunTrace t) {
    return render(t, null);
  }

  /**
   * The page with a pattern's result (or null) above the summary and the timeline, its money priced
   * at the default list prices for calls sent one by one.
   */
  public static String render(RunTrace t, PatternSection result) {
    return render(t, result, CostFigures.of(t, PriceTable.defaults()));
  }

  /**
   * The page with a pattern's result (or null) above the summary and the timeline, and {@code cost}
   * (from {@link CostFigures#of(RunTrace, PriceTable, java.util.Set)} over {@code t}) as its money.
   */
  public static String render(RunTrace t, PatternSection result, CostFigures cost) {
    TraceStats s = t.stats();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Chorus run: ")
        .append(esc(t.title()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style></head>\n<body>\n");
    h.append("<h1>Chorus run: ").append(esc(t.title())).append("</h1>\n");
    if (t.synthetic()) {
      h.append("<p class=\"banner\" id=\"synthetic\">")
          .append(esc(t.syntheticNotice()))
          .append("</p>\n");
    }
    h.append("<p class=\"meta\">Run <code>")
        .append(esc(t.runIds().isEmpty() ? "-" : t.runIds().get(0)))
        .append("</code> &middot; started ")
        .append(esc(String.valueOf(t.startedAt())))
        .append(" &middot; elapsed ")
        .append(t.elapsed().toMillis())
        .append(" ms</p>\n");
    if (result != null) {
      h.append("<section id=\"result\"><h2>Result</h2>\n")
          .append(result.html())
          .append("</section>\n<h2>Calls</h2>\n");
    }
    summary(h, t, s, cost);
    List<CallRecord> rows = new ArrayList<>(t.llmCalls());
    rows.sort(Comparator.comparing(CallRecord::queuedAt).thenComparing(CallRecord::callId));
    if (!rows.isEmpty() && t.startedAt() != null) {
      Instant t0 =
          rows.stream()
              .map(CallRecord::queuedAt)
              .min(Comparator.naturalOrder())
              .orElse(t.startedAt());
      Instant t1 =
          rows.stream().map(CallRecord::endedAt).max(Comparator.naturalOrder()).orElse(t.endedAt());
      long span = Math.max(1, Duration.between(t0, t1).toNanos());
      concurrency(h, rows, t0, span);
      timeline(h, rows, t0, span);
    } else {
      h.append("<p>No calls were made.</p>\n");
    }
    failures(h, rows);
    h.append("<script>\n").append(JS).append("</script>\n</body></html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, RunTrace t, TraceStats s, CostFigures cost) {
    h.append("<div class=\"cards\" id=\"summary\">\n");
    card(h, "Calls", Integer.toString(s.calls()));
    for (String k : List.of("success", "failure", "cancelled", "timed_out")) {
      card(h, k.replace('_', ' '), Integer.toString(s.count(k)), k);
    }
    card(h, "Tokens in / out", s.usage().totalInputTokens() + " / " + s.usage().outputTokens());
    card(h, "Cost", cost.costLine());
    card(h, "Cost per success", cost.money(cost.perSuccessUsd()));
    if (cost.cacheLine() != null) {
      card(h, "Prompt cache", cost.cacheLine());
    }
    if (cost.batchLine() != null) {
      card(h, "Provider batch API", cost.batchLine());
    }
    card(h, "Latency p50 / p90 / p99", MarkdownReport.triple(s.latencyMillis()) + " ms");
    card(h, "First token p50 / p90 / p99", MarkdownReport.triple(s.firstTokenMillis()) + " ms");
    card(h, "Attempt time p50 / p90 / p99", MarkdownReport.triple(s.attemptMillis()) + " ms");
    card(
        h,
        "Retries / hedges / fallbacks",
        s.retries() + " / " + s.hedges() + " / " + s.fallbacks());
    card(h, "Cache hits", Integer.toString(s.cacheHits()));
    card(h, "Peak in flight", Integer.toString(s.peakInFlight()));
    card(h, "Dead letters", Integer.toString(t.deadLetters()));
    h.append("</div>\n");
  }

  private static void card(StringBuilder h, String k, String v) {
    card(h, k, v, null);
  }

  private static void card(StringBuilder h, String k, String v, String cls) {
    h.append("<div class=\"card")
        .append(cls == null ? "" : " " + cls)
        .append("\"><div class=\"k\">")
        .append(esc(k))
        .append("</div><div class=\"v\">")
        .append(esc(v))
        .append("</div></div>\n");
  }

  private static double x(Instant at, Instant t0, long span) {
    return LEFT + (WIDTH - LEFT - 10) * (double) Duration.between(t0, at).toNanos() / span;
  }

  private static void concurrency(StringBuilder h, List<CallRecord> rows, Instant t0, long span) {
    List<long[]> edges = new ArrayList<>();
    for (CallRecord c : rows) {
      for (Attempt a : c.attempts()) {
        edges.add(new long[] {Duration.between(t0, a.startedAt()).toNanos(), 1});
        edges.add(new long[] {Duration.between(t0, a.endedAt()).toNanos(), -1});
      }
    }
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int peak = 0;
    int cur = 0;
    for (long[] e : edges) {
      cur += (int) e[1];
      peak = Math.max(peak, cur);
    }
    int height = 90;
    h.append("<h2>Attempts in flight</h2>\n<svg id=\"concurrency\" class=\"chart\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height + 20)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height + 20)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    h.append("<text x=\"4\" y=\"12\" class=\"axis\">")
        .append(peak)
        .append("</text><text x=\"4\" y=\"")
        .append(height)
        .append("\" class=\"axis\">0</text>\n");
    StringBuilder path = new StringBuilder("M").append(LEFT).append(',').append(height);
    cur = 0;
    double scale = peak == 0 ? 0 : (height - 10) / (double) peak;
    for (long[] e : edges) {
      double px = LEFT + (WIDTH - LEFT - 10) * (double) e[0] / span;
      path.append(String.format(Locale.ROOT, " L%.1f,%.1f", px, height - cur * scale));
      cur += (int) e[1];
      path.append(String.format(Locale.ROOT, " L%.1f,%.1f", px, height - cur * scale));
    }
    path.append(" L").append(WIDTH - 10).append(',').append(height).append(" Z");
    h.append("<path d=\"").append(path).append("\" class=\"inflight\"/>\n");
    axis(h, height + 16, span);
    h.append("</svg>\n");
  }

  private static void axis(StringBuilder h, int y, long span) {
    for (int i = 0; i <= 5; i++) {
      double px = LEFT + (WIDTH - LEFT - 10) * i / 5.0;
      h.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>%n",
              px,
              y,
              esc(fmt(Duration.ofNanos(span * i / 5)))));
    }
  }

  private static String fmt(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }

  private static void timeline(StringBuilder h, List<CallRecord> all, Instant t0, long span) {
    List<CallRecord> rows = all.size() > MAX_ROWS ? all.subList(0, MAX_ROWS) : all;
    int height = rows.size() * ROW + 30;
    h.append("<h2>Timeline</h2>\n");
    h.append(
        "<div class=\"legend\"><label><input type=\"checkbox\" data-outcome=\"success\" checked> <span class=\"sw success\"></span>succeeded</label>"
            + "<label><input type=\"checkbox\" data-outcome=\"failure\" checked> <span class=\"sw failure\"></span>failed</label>"
            + "<label><input type=\"checkbox\" data-outcome=\"cancelled\" checked> <span class=\"sw cancelled\"></span>cancelled</label>"
            + "<label><input type=\"checkbox\" data-outcome=\"timed_out\" checked> <span class=\"sw timed_out\"></span>timed out</label>"
            + "<span><span class=\"sw queued\"></span>queued</span><span><span class=\"sw ratelimit\"></span>rate-limit wait</span>"
            + "<span><span class=\"sw hedge\"></span>hedge</span><span><span class=\"sw fallback\"></span>fallback</span>"
            + "<span><span class=\"sw tick\"></span>first token</span></div>\n");
    if (rows.size() < all.size()) {
      h.append("<p class=\"meta\">Showing the first ")
          .append(rows.size())
          .append(" of ")
          .append(all.size())
          .append(" calls by start time.</p>\n");
    }
    h.append("<svg id=\"timeline\" class=\"chart\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    h.append(
        "<defs><pattern id=\"hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"2\" height=\"4\" fill=\"#e0922f\"/></pattern></defs>\n");
    int y = 4;
    for (CallRecord c : rows) {
      h.append("<g class=\"call ")
          .append(RunTrace.outcomeName(c.status()))
          .append("\" data-outcome=\"")
          .append(RunTrace.outcomeName(c.status()))
          .append("\"><title>")
          .append(esc(tooltip(c)))
          .append("</title>");
      double q = x(c.queuedAt(), t0, span);
      double end = x(c.endedAt(), t0, span);
      double adm = c.admittedAt() == null ? end : x(c.admittedAt(), t0, span);
      line(h, q, adm, y + ROW / 2.0, "queued");
      for (CallRecord.Interval w : c.rateLimitWaits()) {
        rect(h, x(w.start(), t0, span), x(w.end(), t0, span), y, "ratelimit");
      }
      if (c.attempts().isEmpty()) {
        rect(
            h,
            adm,
            end,
            y,
            "bar " + RunTrace.outcomeName(c.status()) + (c.cacheHit() ? " cached" : ""));
      }
      for (Attempt a : c.attempts()) {
        String cls =
            "bar "
                + switch (a.result()) {
                  case SUCCEEDED -> "success";
                  case FAILED -> "failure";
                  case CANCELLED -> "cancelled";
                  case TIMED_OUT -> "timed_out";
                };
        if (a.kind() == Attempt.Kind.HEDGE) {
          cls += " hedge";
        } else if (a.kind() == Attempt.Kind.FALLBACK) {
          cls += " fallback";
        } else if (a.kind() == Attempt.Kind.RETRY) {
          cls += " retry";
        }
        rect(h, x(a.startedAt(), t0, span), x(a.endedAt(), t0, span), y, cls);
        if (a.firstTokenAt() != null) {
          double ft = x(a.firstTokenAt(), t0, span);
          h.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"tick\"/>",
                  ft,
                  ft,
                  y,
                  y + ROW - 1));
        }
      }
      h.append("</g>\n");
      y += ROW;
    }
    axis(h, y + 16, span);
    h.append("</svg>\n");
  }

  private static void line(StringBuilder h, double x1, double x2, double y, String cls) {
    if (x2 > x1) {
      h.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>",
              x1,
              x2,
              y,
              y,
              cls));
    }
  }

  private static void rect(StringBuilder h, double x1, double x2, int y, String cls) {
    h.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"%s\"/>",
            x1,
            y,
            Math.max(1.0, x2 - x1),
            ROW - 1,
            cls));
  }

  private static String tooltip(CallRecord c) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.callId())
        .append(" ")
        .append(c.model())
        .append(": ")
        .append(RunTrace.outcomeName(c.status()));
    if (c.errorKind() != null) {
      sb.append(" (").append(c.errorKind()).append(")");
    }
    sb.append(", ")
        .append(c.elapsedMillis())
        .append(" ms, ")
        .append(c.attempts().size())
        .append(" attempt(s), ")
        .append(c.usage().totalTokens())
        .append(" tokens");
    if (c.cacheHit()) {
      sb.append(", cache hit");
    }
    c.metadata().forEach((k, v) -> sb.append(", ").append(k).append('=').append(v));
    return sb.toString();
  }

  private static void failures(StringBuilder h, List<CallRecord> rows) {
    List<CallRecord> failed = rows.stream().filter(c -> !c.succeeded()).limit(200).toList();
    if (failed.isEmpty()) {
      return;
    }
    h.append(
        "<h2>Calls that did not succeed</h2>\n<table id=\"failures\"><tr><th>Call</th><th>Model</th><th>Outcome</th><th>Error</th><th>Attempts</th></tr>\n");
    for (CallRecord c : failed) {
      h.append("<tr><td><code>")
          .append(esc(c.callId()))
          .append("</code></td><td>")
          .append(esc(c.model()))
          .append("</td><td class=\"")
          .append(RunTrace.outcomeName(c.status()))
          .append("\">")
          .append(RunTrace.outcomeName(c.status()))
          .append("</td><td>")
          .append(esc(c.errorMessage()))
          .append("</td><td>")
          .append(c.attempts().size())
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  static String esc(String s) {
    return Html.escape(s);
  }

  private static final String CSS =
      """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;background:#fff}
      h1{font-size:22px;margin:0 0 6px} h2{font-size:16px;margin:22px 0 8px}
      .meta{color:#5b6475;font-size:13px} code{font-size:12px}
      .banner{background:#fff4d6;border:1px solid #e0b84f;padding:8px 12px;border-radius:6px;font-weight:600}
      .cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
      .card{border:1px solid #dde2ea;border-radius:8px;padding:8px 12px;min-width:120px}
      .card .k{font-size:11px;color:#5b6475;text-transform:uppercase;letter-spacing:.04em}
      .card .v{font-size:18px;font-weight:600;margin-top:2px}
      .card.success .v{color:#2e9d58} .card.failure .v{color:#d64545} .card.timed_out .v{color:#c7771c} .card.cancelled .v{color:#80868b}
      .chart{border:1px solid #e6e9ef;border-radius:6px;background:#fbfcfe;display:block}
      .axis{font-size:10px;fill:#5b6475}
      .inflight{fill:#8fb3f0;stroke:#3b6fd1;stroke-width:1}
      .queued{stroke:#b7bdc7;stroke-width:1}
      .bar.success{fill:#2e9d58} .bar.failure{fill:#d64545} .bar.cancelled{fill:#9aa0a6} .bar.timed_out{fill:#e0922f}
      .bar.cached{fill:#7cc4a0}
      .bar.retry{opacity:.85} .bar.hedge{stroke:#1d2330;stroke-dasharray:2 1;stroke-width:.8}
      .bar.fallback{stroke:#7b3fc4;stroke-width:1.2}
      .ratelimit{fill:url(#hatch)}
      .tick{stroke:#111;stroke-width:1.2}
      .legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;margin-bottom:6px;align-items:center}
      .sw{display:inline-block;width:14px;height:8px;margin-right:4px;vertical-align:middle;border-radius:2px}
      .sw.success{background:#2e9d58} .sw.failure{background:#d64545} .sw.cancelled{background:#9aa0a6} .sw.timed_out{background:#e0922f}
      .sw.queued{background:#b7bdc7;height:2px} .sw.ratelimit{background:repeating-linear-gradient(45deg,#e0922f 0 2px,transparent 2px 4px)}
      .sw.hedge{border:1px dashed #1d2330} .sw.fallback{border:2px solid #7b3fc4} .sw.tick{background:#111;width:2px}
      g.call.hidden{display:none}
      table{border-collapse:collapse;font-size:13px} td,th{border:1px solid #dde2ea;padding:4px 8px;text-align:left}
      td.failure{color:#d64545} td.timed_out{color:#c7771c} td.cancelled{color:#80868b}
      """;

  private static final String JS =
      """
      document.querySelectorAll('.legend input[data-outcome]').forEach(function(box){
        box.addEventListener('change',function(){
          document.querySelectorAll('g.call[data-outcome="'+box.dataset.outcome+'"]').forEach(function(g){
            g.classList.toggle('hidden',!box.checked);});});});
      """;
}
