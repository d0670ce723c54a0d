package io.chorus.advisor.internal;

import io.chorus.advisor.ApproachResult;
import io.chorus.advisor.BenchReport;
import io.chorus.advisor.Reading;
import io.chorus.advisor.WorkloadResult;
import io.chorus.common.internal.Html;
import java.util.Locale;

/**
 * Renders a {@link BenchReport} as one self-contained HTML page: an inline SVG bar chart of the
 * median wall time per approach for each workload, coloured by the reading, and the table. Written
 * by hand because a chart library would add external assets or a dependency for 80 lines.
 */
public final class ReportHtml {
  private static final int BAR_AREA = 520;
  private static final int LABEL_W = 300;
  private static final int ROW_H = 28;

  private ReportHtml() {}

  public static String render(BenchReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Chorus bench ")
        .append(esc(r.createdAt()))
        .append(
            "</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "td:first-child,th:first-child{text-align:left}.legend span{display:inline-block;margin-right:1em}</style></head><body>\n");
    sb.append("<h1>Chorus bench</h1>\n<p>")
        .append(
            esc(
                String.format(
                    Locale.ROOT,
                    "%s · %d cores · Java %s · %s · %d warm-up + %d runs per approach",
                    r.createdAt(),
                    r.cpuCores(),
                    r.javaVersion(),
                    r.os(),
                    r.warmups(),
                    r.runs())))
        .append("</p>\n<p class=\"legend\">");
    for (Reading reading : Reading.values())
      sb.append("<span><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"")
          .append(color(reading))
          .append("\"/></svg> ")
          .append(esc(reading.sentence()))
          .append("</span>");
    sb.append("</p>\n");
    for (String note : r.notes())
      sb.append("<p><em>Note:</em> ").append(esc(note)).append("</p>\n");
    for (WorkloadResult w : r.workloads()) {
      sb.append("<h2>")
          .append(esc(w.name()))
          .append(" (")
          .append(esc(w.type().label()))
          .append(")</h2>\n<p>")
          .append(esc(w.description()))
          .append("</p>\n");
      chart(sb, w);
      table(sb, w);
    }
    return sb.append("</body></html>\n").toString();
  }

  private static void chart(StringBuilder sb, WorkloadResult w) {
    double max =
        w.results().stream()
            .filter(ApproachResult::ok)
            .mapToDouble(ApproachResult::medianWallMs)
            .max()
            .orElse(1);
    if (max <= 0) max = 1;
    int height = ROW_H * w.results().size() + 30;
    int width = LABEL_W + BAR_AREA + 160;
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"median wall time per approach\">%n",
            width,
            height));
    int y = 10;
    for (ApproachResult a : w.results()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"13\">%s</text>%n",
              LABEL_W - 8,
              y + 17,
              esc(a.label())));
      if (a.ok()) {
        double len = Math.max(1, a.medianWallMs() / max * BAR_AREA);
        sb.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                LABEL_W,
                y + 4,
                len,
                ROW_H - 8,
                a.reading() == null ? "#888" : color(a.reading()),
                esc(a.reading() == null ? "" : a.reading().sentence())));
        sb.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.1f ms%s</text>%n",
                LABEL_W + len + 6,
                y + 17,
                a.medianWallMs(),
                a.speedup() == null ? "" : String.format(Locale.ROOT, " · %.2fx", a.speedup())));
      } else {
        sb.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#b00\">failed</text>%n",
                LABEL_W,
                y + 17));
      }
      y += ROW_H;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#666\">median wall time (shorter is better)</text>%n",
            LABEL_W,
            y + 14));
    sb.append("</svg>\n");
  }

  private static void table(StringBuilder sb, WorkloadResult w) {
    sb.append(
        "<table><tr><th>approach</th><th>min ms</th><th>median ms</th><th>max ms</th><th>CPU ms</th><th>peak heap MB</th><th>peak RSS MB</th><th>speedup</th><th>reading</th></tr>\n");
    for (ApproachResult a : w.results()) {
      if (!a.ok()) {
        sb.append("<tr><td>")
            .append(esc(a.label()))
            .append("</td><td colspan=\"8\">failed: ")
            .append(esc(a.error()))
            .append("</td></tr>\n");
        continue;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
              esc(a.label()),
              a.minWallMs(),
              a.medianWallMs(),
              a.maxWallMs(),
              a.medianCpuMs(),
              a.peakHeapMb() == null ? "-" : String.format(Locale.ROOT, "%.0f", a.peakHeapMb()),
              a.peakRssMb() == null ? "-" : String.format(Locale.ROOT, "%.0f", a.peakRssMb()),
              a.speedup() == null ? "-" : ReportTable.speedup(a.speedup()),
              a.reading() != null
                  ? esc(a.reading().sentence())
                  : a.approach() == io.chorus.advisor.Approach.SEQUENTIAL ? "baseline" : ""));
    }
    sb.append("</table>\n");
  }

  private static String color(Reading r) {
    return switch (r) {
      case DONT_USE -> "#d9534f";
      case NOT_JUSTIFIED -> "#f0ad4e";
      case WORTH_IT_FOR_LARGE_WORK -> "#5bc0de";
      case CLEAR_WINNER -> "#5cb85c";
    };
  }

  static String esc(String s) {
    return Html.escape(s);
  }
}
