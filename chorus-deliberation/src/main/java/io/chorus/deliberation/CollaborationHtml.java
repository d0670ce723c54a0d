package io.chorus.deliberation;

import io.chorus.common.internal.Html;
import java.util.List;
import java.util.Locale;

/**
 * The Collaboration Plan as one self-contained HTML page (inline CSS, no scripts, no external
 * assets): the same content as {@link CollaborationReport#toMarkdown}, viewable offline. Model
 * answers are rendered from their Markdown by CommonMark ({@link ModelText#toHtml}: headings
 * demoted, raw HTML escaped), each inside its own quoted block, shown once.
 */
final class CollaborationHtml {
  private CollaborationHtml() {}

  static String render(DeliberationResult r) {
    StringBuilder h = new StringBuilder(16_384);
    h.append(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Collaboration Plan: ")
        .append(esc(r.task()))
        .append("</title><style>")
        .append(
            "body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1d1d1f}")
        .append(
            "h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.8em}")
        .append(".note{background:#fff7e0;border-left:4px solid #e0a800;padding:.6em 1em}")
        .append(".status{font-weight:600;padding:.6em 1em;border-radius:6px;background:#eef5ff}")
        .append(
            ".degraded{background:#fdecec}table{border-collapse:collapse}td{padding:.25em .8em;border-bottom:1px solid #eee}")
        .append(
            ".text{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.8em;border-radius:4px}")
        .append(
            ".answer{background:#fafafa;border-left:4px solid #c8d0dc;padding:.2em 1em;margin:.5em 0}")
        .append(
            ".answer pre{background:#f0f0f0;padding:.6em;overflow-x:auto}.carried{color:#555;font-style:italic}")
        .append(
            ".fail{color:#b00020}.who{color:#555}details{margin:.5em 0}summary{cursor:pointer;font-weight:600}")
        .append("</style></head><body>");
    h.append("<h1>Collaboration Plan: ").append(esc(r.task())).append("</h1>");
    String note = r.syntheticNote();
    if (note != null) {
      int dot = note.indexOf('.');
      h.append("<p class=\"note\"><b>")
          .append(esc(note.substring(0, dot + 1)))
          .append("</b>")
          .append(esc(note.substring(dot + 1)))
          .append("</p>");
    }
    h.append("<p class=\"status")
        .append(r.degraded() ? " degraded" : "")
        .append("\">")
        .append(esc(CollaborationReport.statusLine(r)))
        .append("</p><table>");
    Confidence c = r.confidence();
    row(h, "Consensus", r.consensus().label());
    row(
        h,
        "Convergence",
        CollaborationReport.num(r.convergence())
            + " (target "
            + CollaborationReport.num(r.convergenceTarget())
            + ", semantic similarity of the final answers' claims)");
    row(
        h,
        "Confidence",
        CollaborationReport.num(c.value())
            + " = participation "
            + CollaborationReport.num(c.participation())
            + " × (0.6 × convergence "
            + CollaborationReport.num(c.convergence())
            + " + 0.25 × stability "
            + CollaborationReport.num(c.stability())
            + " + 0.15 × support "
            + CollaborationReport.num(c.support())
            + ")");
    row(h, "Correlation ID", r.correlationId());
    row(h, "Generated", r.generatedAt().toString());
    row(
        h,
        "Rounds",
        r.rounds().size()
            + " ("
            + r.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + ")");
    row(
        h,
        "Participants",
        String.join(
            ", ",
            r.participants().stream()
                .map(
                    p ->
                        p.name()
                            + " — "
                            + p.model()
                            + (r.simulatedParticipants().contains(p.name()) ? " (simulated)" : ""))
                .toList()));
    row(
        h,
        "Calls / tokens / cost",
        r.calls() + " / " + r.usage().totalTokens() + " / " + r.costText());
    h.append("</table>");
    if (!r.failures().isEmpty()) {
      h.append("<h2>Failures</h2><ul>");
      r.failures()
          .forEach(f -> h.append("<li class=\"fail\">").append(esc(f.describe())).append("</li>"));
      h.append("</ul>");
    }
    h.append("<h2>Unified Plan</h2><p class=\"who\">")
        .append(esc(r.planSource()))
        .append("</p><div class=\"answer\">")
        .append(ModelText.toHtml(r.unifiedPlan()))
        .append("</div>");
    points(
        h,
        "Key Agreements",
        r.agreements(),
        "None: no claim is held by all or most of the participants who answered.");
    points(h, "Disagreements", r.disagreements(), "None found.");
    h.append("<h2>Next Steps</h2><ol>");
    CollaborationReport.nextSteps(r).forEach(s -> h.append("<li>").append(esc(s)).append("</li>"));
    h.append("</ol><h2>Full Conversation</h2>");
    for (Round round : r.rounds()) {
      h.append("<details")
          .append(round.number() == r.rounds().size() ? " open" : "")
          .append("><summary>Round ")
          .append(round.number())
          .append(" — convergence ")
          .append(CollaborationReport.num(round.convergence()))
          .append("</summary>");
      for (Contribution ct : round.contributions()) {
        h.append("<h3>").append(esc(ct.participant())).append(" <span class=\"who\">");
        if (ct.answered()) {
          h.append(esc(ct.answeredBy().toString()))
              .append(", ")
              .append(ct.latency().toMillis())
              .append(" ms</span></h3>")
              .append("<blockquote class=\"answer\">")
              .append(ModelText.toHtml(ct.text()))
              .append("</blockquote>");
          if (ct.carriedForward()) {
            h.append("<p class=\"carried\">")
                .append(esc(CollaborationReport.carriedNote(ct)))
                .append("</p>");
          }
        } else {
          h.append("failed</span></h3><p class=\"fail\">")
              .append(esc(ct.failure().describe()))
              .append("</p>");
        }
      }
      h.append("</details>");
    }
    h.append("<h2>Metadata</h2><div class=\"text\">")
        .append(esc(r.measuredWith()))
        .append("</div></body></html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><td><b>")
        .append(esc(k))
        .append("</b></td><td>")
        .append(esc(v))
        .append("</td></tr>");
  }

  private static void points(StringBuilder h, String title, List<Point> points, String none) {
    h.append("<h2>").append(title).append("</h2>");
    if (points.isEmpty()) {
      h.append("<p><i>").append(esc(none)).append("</i></p>");
      return;
    }
    h.append("<ul>");
    for (Point p : points) {
      h.append("<li>")
          .append(esc(p.text()))
          .append(" <span class=\"who\">— held by ")
          .append(esc(String.join(", ", p.heldBy())));
      if (!p.contradictedBy().isEmpty()) {
        h.append("; contradicted by ").append(esc(String.join(", ", p.contradictedBy())));
      }
      h.append("</span></li>");
    }
    h.append("</ul>");
  }

  static String esc(String s) {
    return Html.escape(s);
  }
}
