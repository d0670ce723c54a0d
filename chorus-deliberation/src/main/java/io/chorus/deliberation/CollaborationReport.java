package io.chorus.deliberation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.internal.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link DeliberationResult} as the Collaboration Plan: Markdown for people, JSON for
 * tools. Every number shown is explained next to it; every failure is named with its model, error
 * class and attempts.
 *
 * <p>Stateless and thread-safe.
 */
public final class CollaborationReport {
  private static final ObjectMapper JSON = Json.PRETTY;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private CollaborationReport() {}

  /** The Markdown report. */
  public static String toMarkdown(DeliberationResult r) {
    StringBuilder md = new StringBuilder();
    md.append("# Collaboration Plan: ").append(title(r.task())).append("\n\n");
    String note = r.syntheticNote();
    if (note != null) {
      int dot = note.indexOf('.');
      md.append("> **")
          .append(note, 0, dot + 1)
          .append("**")
          .append(note.substring(dot + 1))
          .append("\n\n");
    }
    md.append("> **Status**: ").append(statusLine(r)).append("\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| **Consensus** | ").append(r.consensus().label()).append(" |\n");
    md.append("| **Convergence** | ")
        .append(num(r.convergence()))
        .append(" (target ")
        .append(num(r.convergenceTarget()))
        .append(", semantic similarity of the final answers' claims; ")
        .append(claimsNote(r))
        .append(") |\n");
    Confidence c = r.confidence();
    md.append("| **Confidence** | ")
        .append(num(c.value()))
        .append(" = participation ")
        .append(num(c.participation()))
        .append(" × (0.6 × convergence ")
        .append(num(c.convergence()))
        .append(" + 0.25 × stability ")
        .append(num(c.stability()))
        .append(" + 0.15 × support ")
        .append(num(c.support()))
        .append(") |\n");
    md.append("| **Correlation ID** | `").append(r.correlationId()).append("` |\n");
    md.append("| **Generated** | ").append(WHEN.format(r.generatedAt())).append(" |\n");
    md.append("| **Rounds** | ")
        .append(r.rounds().size())
        .append(" (")
        .append(stopText(r))
        .append(") |\n");
    md.append("| **Participants** | ")
        .append(
            String.join(
                ", ",
                r.participants().stream()
                    .map(
                        p ->
                            p.name()
                                + " — `"
                                + p.model()
                                + "`"
                                + (r.simulatedParticipants().contains(p.name())
                                    ? " (simulated)"
                                    : ""))
                    .toList()))
        .append(" |\n\n");

    if (!r.failures().isEmpty()) {
      md.append("## Failures\n\n");
      for (ParticipantFailure f : r.failures()) {
        md.append("- ").append(f.describe()).append('\n');
      }
      md.append('\n');
    }

    md.append("## Task\n\n").append(r.task()).append("\n\n");
    md.append("## Unified Plan\n\n_")
        .append(r.planSource())
        .append("_\n\n")
        .append(synthesized(r) ? ModelText.quote(r.unifiedPlan()) : r.unifiedPlan())
        .append("\n\n");

    md.append("## Key Agreements\n\n");
    if (r.agreements().isEmpty()) {
      md.append("_None: no claim is held by all or most of the participants who answered._\n\n");
    } else {
      for (Point p : r.agreements()) {
        md.append("- ")
            .append(p.text())
            .append(" — held by ")
            .append(String.join(", ", p.heldBy()))
            .append('\n');
      }
      md.append('\n');
    }
    md.append("## Disagreements\n\n");
    if (r.disagreements().isEmpty()) {
      md.append("_None found._\n\n");
    } else {
      for (Point p : r.disagreements()) {
        md.append("- ")
            .append(p.text())
            .append(" — held by ")
            .append(String.join(", ", p.heldBy()));
        if (!p.contradictedBy().isEmpty()) {
          md.append("; contradicted by ").append(String.join(", ", p.contradictedBy()));
        }
        md.append('\n');
      }
      md.append('\n');
    }

    md.append("## Perspectives\n\n");
    Round last = r.lastRound();
    for (Participant p : r.participants()) {
      md.append("### ").append(p.name()).append("\n\n");
      Contribution latest = latestAnswer(r, p.name());
      Contribution inLast =
          last.contributions().stream()
              .filter(x -> x.participant().equals(p.name()))
              .findFirst()
              .orElse(null);
      if (inLast != null && !inLast.answered()) {
        md.append("**No final answer.** ").append(inLast.failure().describe()).append("\n\n");
        if (latest != null) {
          md.append("Its last answer (round ")
              .append(roundOf(r, latest))
              .append("):\n\n")
              .append(ModelText.quote(latest.text()))
              .append("\n\n");
        }
      } else if (latest != null) {
        if (latest.fellBack()) {
          md.append("_Answered by fallback model `").append(latest.answeredBy()).append("`._\n\n");
        }
        md.append(ModelText.quote(latest.text())).append("\n\n");
        if (latest.carriedForward()) {
          md.append("_").append(carriedNote(latest)).append("_\n\n");
        }
      }
    }

    md.append("## Next Steps\n\n");
    int n = 1;
    for (String step : nextSteps(r)) {
      md.append(n++).append(". ").append(step).append('\n');
    }
    md.append('\n');

    md.append("## Full Conversation\n\n");
    for (Round round : r.rounds()) {
      md.append("### Round ")
          .append(round.number())
          .append(" — convergence ")
          .append(num(round.convergence()))
          .append("\n\n");
      for (Contribution ct : round.contributions()) {
        md.append("#### ").append(ct.participant());
        if (ct.answered()) {
          md.append(" (`")
              .append(ct.answeredBy())
              .append("`, ")
              .append(ct.latency().toMillis())
              .append(" ms, ")
              .append(ct.usage().totalTokens())
              .append(" tokens)\n\n");
          // each answer is shown once: a participant's latest is quoted under Perspectives
          md.append(
                  ct == latestAnswer(r, ct.participant())
                      ? "_Quoted under Perspectives above._"
                      : ModelText.quote(ct.text()))
              .append("\n\n");
          if (ct.carriedForward()) {
            md.append("_").append(carriedNote(ct)).append("_\n\n");
          }
        } else {
          md.append(" — failed\n\n").append(ct.failure().describe()).append("\n\n");
        }
      }
    }

    md.append("## Metadata\n\n```json\n").append(metadata(r).toPrettyString()).append("\n```\n");
    return md.toString();
  }

  /** The same content as one self-contained HTML page (viewable offline). */
  public static String toHtml(DeliberationResult r) {
    return CollaborationHtml.render(r);
  }

  /** One line for a terminal: consensus, convergence, confidence, rounds and failures. */
  public static String summary(DeliberationResult r) {
    String s =
        "Consensus: "
            + r.consensus().label()
            + " — "
            + statusLine(r)
            + "; "
            + r.rounds().size()
            + (r.rounds().size() == 1 ? " round" : " rounds")
            + ", "
            + r.calls()
            + " calls, "
            + r.costText();
    if (!r.failures().isEmpty()) {
      s +=
          "\n"
              + String.join(
                  "\n", r.failures().stream().map(f -> "  " + f.describe()).distinct().toList());
    }
    return s;
  }

  /** The full structured result as JSON. */
  public static String toJson(DeliberationResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("task", r.task());
    root.put("correlation_id", r.correlationId());
    root.put("generated_at", r.generatedAt().toString());
    root.put("status", statusLine(r));
    root.put("synthetic", r.synthetic());
    root.put("consensus", r.consensus().name().toLowerCase(Locale.ROOT));
    putNum(root, "convergence", r.convergence());
    root.put("convergence_target", r.convergenceTarget());
    ObjectNode conf = root.putObject("confidence");
    conf.put("value", r.confidence().value());
    conf.put("convergence", r.confidence().convergence());
    conf.put("participation", r.confidence().participation());
    conf.put("stability", r.confidence().stability());
    conf.put("support", r.confidence().support());
    conf.put("formula", "participation * (0.6*convergence + 0.25*stability + 0.15*support)");
    root.put("stop_reason", r.stopReason().name().toLowerCase(Locale.ROOT));
    root.put("degraded", r.degraded());
    ArrayNode ps = root.putArray("participants");
    for (Participant p : r.participants()) {
      ObjectNode o = ps.addObject();
      o.put("name", p.name());
      o.put("model", p.model().toString());
      o.put("synthetic", r.simulatedParticipants().contains(p.name()));
      if (p.persona() != null) {
        o.put("persona", p.persona());
      }
    }
    root.put("unified_plan", r.unifiedPlan());
    root.put("plan_source", r.planSource());
    points(root.putArray("agreements"), r.agreements());
    points(root.putArray("disagreements"), r.disagreements());
    ArrayNode fs = root.putArray("failures");
    for (ParticipantFailure f : r.failures()) {
      failure(fs.addObject(), f);
    }
    root.putArray("next_steps")
        .addAll(nextSteps(r).stream().map(JSON.getNodeFactory()::textNode).toList());
    ArrayNode rounds = root.putArray("rounds");
    for (Round round : r.rounds()) {
      ObjectNode ro = rounds.addObject();
      ro.put("number", round.number());
      putNum(ro, "convergence", round.convergence());
      ArrayNode cs = ro.putArray("contributions");
      for (Contribution ct : round.contributions()) {
        ObjectNode co = cs.addObject();
        co.put("participant", ct.participant());
        co.put("model", ct.requestedModel().toString());
        co.put("answered", ct.answered());
        if (ct.answered()) {
          co.put("answered_by", ct.answeredBy().toString());
          co.put("text", ct.text());
          ArrayNode claims = co.putArray("claims");
          ct.claims()
              .forEach(
                  cl ->
                      claims
                          .addObject()
                          .put("text", cl.text())
                          .put("stance", cl.stance().name().toLowerCase(Locale.ROOT)));
          co.put("claim_source", ct.claimSource());
        } else {
          failure(co.putObject("failure"), ct.failure());
        }
        co.put("latency_ms", ct.latency().toMillis());
        co.put("input_tokens", ct.usage().totalInputTokens());
        co.put("output_tokens", ct.usage().outputTokens());
        co.put("cost_usd", ct.costUsd());
        co.put("synthetic", ct.synthetic());
      }
    }
    root.set("metadata", metadata(r));
    return root.toPrettyString();
  }

  /** True when a synthesizer model wrote the plan (model text, quoted), not Chorus. */
  static boolean synthesized(DeliberationResult r) {
    return r.planSource() != null && r.planSource().startsWith("synthesized by ");
  }

  /** What the report says under a turn that only agreed. */
  static String carriedNote(Contribution c) {
    String from =
        c.claimSource().replace(" (this turn only agreed)", "").replace("carried forward ", "");
    return "This turn only agreed: "
        + c.participant()
        + "'s claims "
        + from
        + " are carried forward, so its agreement counts as holding them, not as saying nothing.";
  }

  /** Where the final round's claims came from, e.g. "claims listed by the models". */
  static String claimsNote(DeliberationResult r) {
    long model =
        r.lastRound().contributions().stream().filter(c -> "model".equals(c.claimSource())).count();
    long carried =
        r.lastRound().contributions().stream().filter(Contribution::carriedForward).count();
    if (carried > 0) {
      return carried
          + " of "
          + r.lastRound().answered()
          + " final turns only agreed and carry their authors' earlier claims"
          + " forward; "
          + claimsNoteWithout(r, carried);
    }
    return claimsNoteWithout(r, 0);
  }

  private static String claimsNoteWithout(DeliberationResult r, long carried) {
    long model =
        r.lastRound().contributions().stream().filter(c -> "model".equals(c.claimSource())).count();
    long answered = r.lastRound().answered() - carried;
    if (answered <= 0) {
      return carried > 0 ? "no new claims" : "no claims";
    }
    if (model == answered) {
      return "claims listed by the models as JSON";
    }
    if (model == 0) {
      return "claims split from the answers by the heuristic";
    }
    return model + " of " + answered + " claim lists from the models, the rest by the heuristic";
  }

  /**
   * The next steps: restore failed participants, resolve open points, then what to do with the
   * plan.
   */
  static List<String> nextSteps(DeliberationResult r) {
    List<String> steps = new ArrayList<>();
    for (ParticipantFailure f : distinctFailures(r)) {
      steps.add(
          switch (f.errorKind()) {
            case "authentication" ->
                "Fix the API key for "
                    + f.model().provider()
                    + " ("
                    + f.model()
                    + " was refused), then run the deliberation again so its perspective is included.";
            case "quota_exhausted" ->
                "Restore the quota or billing for "
                    + f.model().provider()
                    + ", or give "
                    + f.participant()
                    + " a fallback model, and run again.";
            default ->
                "Run again once "
                    + f.model()
                    + " answers ("
                    + f.errorKind()
                    + "), or give "
                    + f.participant()
                    + " a fallback model: its perspective is missing.";
          });
    }
    for (Point d : r.disagreements()) {
      if (steps.size() >= 6) {
        break;
      }
      steps.add(
          "Resolve the open point \""
              + abbreviate(d.text(), 120)
              + "\" (raised by "
              + String.join(", ", d.heldBy())
              + ")"
              + (d.contradictedBy().isEmpty()
                  ? ""
                  : ", which " + String.join(", ", d.contradictedBy()) + " contradicts")
              + ".");
    }
    switch (r.consensus()) {
      case FULL ->
          steps.add(
              "Proceed with the unified plan: the participants converged ("
                  + num(r.convergence())
                  + " ≥ "
                  + num(r.convergenceTarget())
                  + ").");
      case PARTIAL ->
          steps.add(
              "Adopt the agreed points now; run more rounds (--rounds "
                  + (r.rounds().size() + 2)
                  + ") or add a participant to settle the rest.");
      case NONE ->
          steps.add(
              "Do not act on this plan yet: the answers did not converge ("
                  + num(r.convergence())
                  + "). Narrow the task or add context and deliberate again.");
      case NOT_REACHED ->
          steps.add("No consensus was possible: fewer than two participants answered.");
    }
    return steps;
  }

  private static List<ParticipantFailure> distinctFailures(DeliberationResult r) {
    List<ParticipantFailure> out = new ArrayList<>();
    for (Contribution c : r.lastRound().contributions()) {
      if (!c.answered()) {
        out.add(c.failure());
      }
    }
    return out;
  }

  private static ObjectNode metadata(DeliberationResult r) {
    ObjectNode m = JSON.createObjectNode();
    m.put("correlation_id", r.correlationId());
    putNum(m, "convergence_score", r.convergence());
    m.put("confidence", r.confidence().value());
    m.put("rounds", r.rounds().size());
    m.put("calls", r.calls());
    m.put("input_tokens", r.usage().totalInputTokens());
    m.put("output_tokens", r.usage().outputTokens());
    m.put("cost_usd", r.costUsd());
    m.put("elapsed_ms", r.elapsed().toMillis());
    m.put("measured_with", r.measuredWith());
    m.put("claims", claimsNote(r));
    m.put("synthetic", r.synthetic());
    m.put("degraded", r.degraded());
    return m;
  }

  private static void points(ArrayNode arr, List<Point> points) {
    for (Point p : points) {
      ObjectNode o = arr.addObject();
      o.put("text", p.text());
      o.putArray("held_by")
          .addAll(p.heldBy().stream().map(JSON.getNodeFactory()::textNode).toList());
      o.putArray("contradicted_by")
          .addAll(p.contradictedBy().stream().map(JSON.getNodeFactory()::textNode).toList());
    }
  }

  private static void failure(ObjectNode o, ParticipantFailure f) {
    o.put("participant", f.participant());
    o.put("model", f.model().toString());
    o.put("error_kind", f.errorKind());
    o.put("message", f.message());
    o.put("attempts", f.attempts());
    o.putArray("models_tried")
        .addAll(
            f.modelsTried().stream()
                .map(m -> JSON.getNodeFactory().textNode(m.toString()))
                .toList());
  }

  static String statusLine(DeliberationResult r) {
    String s =
        switch (r.consensus()) {
          case FULL -> "Full agreement";
          case PARTIAL -> "Partial agreement";
          case NONE -> "No agreement";
          case NOT_REACHED -> "Consensus not reached";
        };
    s +=
        " (convergence "
            + num(r.convergence())
            + ", confidence "
            + num(r.confidence().value())
            + ")";
    if (r.degraded()) {
      long answered = r.lastRound().answered();
      s +=
          " — DEGRADED: only "
              + answered
              + " of "
              + r.participants().size()
              + " participants answered in the final round; consensus is over those who answered";
    }
    return s;
  }

  private static String stopText(DeliberationResult r) {
    return switch (r.stopReason()) {
      case CONVERGED -> "stopped when convergence reached the target";
      case MAX_ROUNDS -> "stopped at the round limit";
      case TOO_FEW_PARTICIPANTS -> "stopped: fewer than two participants could answer";
      case BUDGET ->
          "stopped by the budget: it admitted no more calls, so the plan is built from each"
              + " participant's latest answer";
    };
  }

  private static Contribution latestAnswer(DeliberationResult r, String name) {
    for (int i = r.rounds().size() - 1; i >= 0; i--) {
      for (Contribution c : r.rounds().get(i).contributions()) {
        if (c.participant().equals(name) && c.answered()) {
          return c;
        }
      }
    }
    return null;
  }

  private static int roundOf(DeliberationResult r, Contribution c) {
    for (Round round : r.rounds()) {
      if (round.contributions().contains(c)) {
        return round.number();
      }
    }
    return 0;
  }

  private static String title(String task) {
    String oneLine = task.replaceAll("\\s+", " ").strip();
    return abbreviate(oneLine, 80);
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  static String num(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static void putNum(ObjectNode o, String field, double v) {
    if (Double.isNaN(v)) {
      o.putNull(field);
    } else {
      o.put(field, v);
    }
  }
}
