package io.chorus.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.internal.Json;
import io.chorus.common.internal.Money;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ReviewResult} as Markdown , JSON, and SARIF 2.1.0 for GitHub code scanning.
 * Stateless and thread-safe.
 */
public final class ReviewReport {
  private static final ObjectMapper JSON = Json.MAPPER;
  public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private ReviewReport() {}

  public static String toMarkdown(ReviewResult r) {
    StringBuilder md = new StringBuilder();
    md.append("# Security Code Review\n\n");
    if (r.degraded()) {
      md.append("> **").append(r.degradedNotice().replaceFirst(": ", ":** ")).append("\n\n");
    }
    if (r.synthetic()) {
      md.append("> **Synthetic run.** ").append(syntheticWho(r)).append("\n\n");
    }
    md.append("| | |\n|---|---|\n");
    md.append("| **Overall risk** | ")
        .append(r.overallRisk().toUpperCase(Locale.ROOT))
        .append(" (")
        .append(pct(r.riskConfidence()))
        .append(" of answering reviewers agree) |\n");
    md.append("| **Confirmed** | ")
        .append(r.confirmed().size())
        .append(" finding groups reported by at least ")
        .append(r.threshold())
        .append(" reviewers |\n");
    md.append("| **Potential** | ").append(r.potential().size()).append(" reported by fewer |\n");
    md.append("| **Files** | ")
        .append(r.files().size())
        .append(" (")
        .append(r.chunks())
        .append(" chunks) |\n");
    md.append("| **Failure policy** | ").append(policyName(r)).append(" |\n");
    md.append("| **Time / tokens / cost** | ")
        .append(r.elapsed().toMillis())
        .append(" ms / ")
        .append(r.usage().totalTokens())
        .append(" / ")
        .append(Money.withPer(r.costUsd(), r.groups().size(), "finding", r.synthetic()))
        .append(Money.cacheNote(r.usage().cacheWriteTokens(), r.usage().cacheReadTokens()))
        .append(" |\n\n");
    if (r.runFailure() != null) {
      md.append("> **The review failed under its failure policy:** ")
          .append(r.runFailure())
          .append(". Findings already received are shown below.\n\n");
    }

    md.append(
        "## Reviewers\n\n| Reviewer | Model | Status | Findings | Overall risk | Calls |\n|---|---|---|---|---|---|\n");
    for (ReviewerReport rep : r.reviewers()) {
      md.append("| ")
          .append(rep.reviewer())
          .append(" | `")
          .append(rep.model())
          .append("` | ")
          .append(
              rep.succeeded()
                  ? "ok"
                      + (rep.repaired() > 0 ? " (repaired " + rep.repaired() + ")" : "")
                      + (rep.textFormat() > 0 ? " (text format)" : "")
                  : "**failed** — " + rep.failure())
          .append(" | ")
          .append(rep.findings().size())
          .append(" | ")
          .append(rep.overallRisk() == null ? "—" : rep.overallRisk())
          .append(" | ")
          .append(rep.calls())
          .append(" |\n");
    }
    md.append('\n');

    md.append("## Confirmed vulnerabilities (").append(r.confirmed().size()).append(")\n\n");
    if (r.confirmed().isEmpty()) {
      md.append("_None reached the threshold of ").append(r.threshold()).append(" reviewers._\n\n");
    }
    int n = 1;
    for (FindingGroup g : r.confirmed()) {
      group(md, n++, g);
    }
    md.append("## Potential issues (")
        .append(r.potential().size())
        .append(") — need further review\n\n");
    if (r.potential().isEmpty()) {
      md.append("_None._\n\n");
    }
    for (FindingGroup g : r.potential()) {
      md.append("- [")
          .append(g.severity().label())
          .append("] ")
          .append(g.type())
          .append(g.cwe() == null ? "" : " (" + g.cwe() + ")")
          .append(" at `")
          .append(g.file())
          .append(':')
          .append(range(g))
          .append("` — ")
          .append(g.votes())
          .append(" vote (")
          .append(String.join(", ", g.reviewers()))
          .append("): ")
          .append(g.description())
          .append('\n');
    }
    md.append('\n');
    if (!r.injectionAttempts().isEmpty()) {
      md.append("## Instructions planted in the code (not obeyed)\n\n");
      for (Finding f : r.injectionAttempts()) {
        md.append("- `")
            .append(f.file())
            .append(':')
            .append(f.lineStart())
            .append("`: ")
            .append(f.description())
            .append('\n');
      }
      md.append('\n');
    }
    if (!r.skipped().isEmpty()) {
      md.append("## Files skipped\n\n");
      r.skipped().forEach(s -> md.append("- ").append(s).append('\n'));
      md.append('\n');
    }
    return md.toString();
  }

  /** Which reviewers the simulator answered: all of them, or by name in a mixed run. */
  private static String syntheticWho(ReviewResult r) {
    List<String> sim = r.syntheticReviewers();
    if (sim.size() == r.reviewers().size()) {
      return "Reviewers were answered by the built-in simulator, not by real models.";
    }
    return "The built-in simulator answered "
        + String.join(", ", sim)
        + "; the other reviewers were real models.";
  }

  private static void group(StringBuilder md, int n, FindingGroup g) {
    md.append("### ")
        .append(n)
        .append(". [")
        .append(g.severity().label().toUpperCase(Locale.ROOT))
        .append("] ")
        .append(g.type())
        .append(g.cwe() == null ? "" : " (" + g.cwe() + ")")
        .append("\n\n");
    md.append("- **Location**: `").append(g.file()).append(':').append(range(g)).append("`\n");
    md.append("- **Votes**: ")
        .append(g.votes())
        .append(" — ")
        .append(String.join(", ", g.reviewers()))
        .append('\n');
    if (g.maxSeverity() != g.severity()) {
      md.append("- **Severity**: ")
          .append(g.severity().label())
          .append(" (upper median of the reviewers; highest given: ")
          .append(g.maxSeverity().label())
          .append(")\n");
    }
    md.append("- **Confidence**: ").append(pct(g.confidence())).append('\n');
    md.append("- **Description**: ").append(g.description()).append('\n');
    md.append("- **Fix**: ").append(g.recommendation()).append("\n\n");
  }

  public static String toJson(ReviewResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("degraded", r.degraded());
    if (r.degraded()) {
      root.put("notice", r.degradedNotice());
    }
    root.put("answered", r.answered());
    root.put("overall_risk", r.overallRisk());
    root.put("risk_confidence", r.riskConfidence());
    root.put("threshold", r.threshold());
    root.put("policy", policyName(r));
    root.put("synthetic", r.synthetic());
    root.putArray("synthetic_reviewers")
        .addAll(r.syntheticReviewers().stream().map(JSON.getNodeFactory()::textNode).toList());
    if (r.runFailure() != null) {
      root.put("run_failure", r.runFailure());
    }
    root.putArray("files").addAll(r.files().stream().map(JSON.getNodeFactory()::textNode).toList());
    root.putArray("skipped")
        .addAll(r.skipped().stream().map(JSON.getNodeFactory()::textNode).toList());
    ArrayNode reviewers = root.putArray("reviewers");
    for (ReviewerReport rep : r.reviewers()) {
      ObjectNode o = reviewers.addObject();
      o.put("reviewer", rep.reviewer());
      o.put("model", rep.model().toString());
      o.put("succeeded", rep.succeeded());
      if (rep.failure() != null) {
        o.put("failure", rep.failure());
        o.put("failure_kind", rep.failureKind());
      }
      o.put("synthetic", rep.synthetic());
      o.put("findings", rep.findings().size());
      o.put("overall_risk", rep.overallRisk());
      o.put("calls", rep.calls());
      o.put("repaired", rep.repaired());
      o.put("text_format", rep.textFormat());
      o.put("cost_usd", rep.costUsd());
    }
    ArrayNode groups = root.putArray("groups");
    for (FindingGroup g : r.groups()) {
      ObjectNode o = groups.addObject();
      o.put("type", g.type());
      o.put("cwe", g.cwe());
      o.put("severity", g.severity().label());
      o.put("max_severity", g.maxSeverity().label());
      o.put("file", g.file());
      o.put("line_start", g.lineStart());
      o.put("line_end", g.lineEnd());
      o.put("votes", g.votes());
      o.put("confirmed", g.confirmed());
      o.put("confidence", g.confidence());
      o.putArray("reviewers")
          .addAll(g.reviewers().stream().map(JSON.getNodeFactory()::textNode).toList());
      o.put("description", g.description());
      o.put("recommendation", g.recommendation());
    }
    ArrayNode inj = root.putArray("injection_attempts");
    for (Finding f : r.injectionAttempts()) {
      inj.addObject()
          .put("file", f.file())
          .put("line", f.lineStart())
          .put("description", f.description());
    }
    ObjectNode meta = root.putObject("metadata");
    meta.put("input_tokens", r.usage().totalInputTokens());
    meta.put("output_tokens", r.usage().outputTokens());
    meta.put("cost_usd", r.costUsd());
    meta.put("elapsed_ms", r.elapsed().toMillis());
    return root.toPrettyString();
  }

  /**
   * SARIF 2.1.0: one run whose tool is Chorus; a rule per CWE (or per type), with GitHub's {@code
   * security-severity}; a result per group (confirmed ones at the severity's level, potential ones
   * as notes) and per planted instruction.
   */
  public static String toSarif(ReviewResult r, String version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", SARIF_SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Chorus");
    driver.put("version", version);
    invocation(run.putArray("invocations").addObject(), r);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<Object[]> results = new ArrayList<>();
    for (FindingGroup g : r.groups()) {
      String id = ruleId(g.cwe(), g.type());
      ruleIndex.computeIfAbsent(
          id,
          k -> {
            ObjectNode rule = rules.addObject();
            rule.put("id", k);
            rule.put("name", camel(g.type()));
            rule.putObject("shortDescription").put("text", g.type());
            rule.putObject("fullDescription")
                .put("text", g.type() + (g.cwe() == null ? "" : " (" + g.cwe() + ")"));
            if (g.cwe() != null) {
              rule.put(
                  "helpUri",
                  "https://cwe.mitre.org/data/definitions/" + g.cwe().substring(4) + ".html");
            }
            ObjectNode props = rule.putObject("properties");
            props
                .putArray("tags")
                .add("security")
                .add(
                    g.cwe() == null
                        ? "chorus"
                        : "external/cwe/" + g.cwe().toLowerCase(Locale.ROOT));
            props.put("security-severity", g.severity().securitySeverity());
            return rules.size() - 1;
          });
      results.add(new Object[] {g, id});
    }
    ArrayNode res = run.putArray("results");
    for (Object[] pair : results) {
      FindingGroup g = (FindingGroup) pair[0];
      String id = (String) pair[1];
      ObjectNode o = res.addObject();
      o.put("ruleId", id);
      o.put("ruleIndex", ruleIndex.get(id));
      o.put("level", g.confirmed() ? g.severity().sarifLevel() : "note");
      o.putObject("message")
          .put(
              "text",
              (g.confirmed() ? "" : "[potential] ")
                  + g.type()
                  + ": "
                  + g.description()
                  + " Fix: "
                  + g.recommendation()
                  + " ("
                  + g.votes()
                  + " of the reviewers: "
                  + String.join(", ", g.reviewers())
                  + ")");
      location(o.putArray("locations").addObject(), g.file(), g.lineStart(), g.lineEnd());
      o.putObject("partialFingerprints")
          .put(
              "chorusGroup/v1",
              Integer.toHexString((g.file() + ":" + id + ":" + g.lineStart()).hashCode()));
      ObjectNode props = o.putObject("properties");
      props.put("votes", g.votes());
      props.put("confirmed", g.confirmed());
      props.put("severity", g.severity().label());
      props.put("confidence", g.confidence());
      props
          .putArray("reviewers")
          .addAll(g.reviewers().stream().map(JSON.getNodeFactory()::textNode).toList());
    }
    if (!r.injectionAttempts().isEmpty()) {
      ObjectNode rule = rules.addObject();
      rule.put("id", "CHORUS-PROMPT-INJECTION");
      rule.put("name", "PromptInjectionInCode");
      rule.putObject("shortDescription").put("text", "Text in the code addresses an AI reviewer");
      rule.putObject("properties").putArray("tags").add("security").add("external/cwe/cwe-1427");
      int idx = rules.size() - 1;
      for (Finding f : r.injectionAttempts()) {
        ObjectNode o = res.addObject();
        o.put("ruleId", "CHORUS-PROMPT-INJECTION");
        o.put("ruleIndex", idx);
        o.put("level", "warning");
        o.putObject("message").put("text", f.description());
        location(o.putArray("locations").addObject(), f.file(), f.lineStart(), f.lineEnd());
      }
    }
    return root.toPrettyString();
  }

  /**
   * The run's invocation: {@code executionSuccessful} is false when any reviewer failed (a clean
   * SARIF from a review nobody answered must not pass a CI gate), with one error notification per
   * failed reviewer naming it and its error.
   */
  private static void invocation(ObjectNode inv, ReviewResult r) {
    inv.put("executionSuccessful", !r.degraded() && r.runFailure() == null);
    ArrayNode notes = inv.putArray("toolExecutionNotifications");
    for (ReviewerReport rep : r.failedReviewers()) {
      ObjectNode n = notes.addObject();
      n.put("level", "error");
      n.putObject("message")
          .put(
              "text",
              "reviewer " + rep.reviewer() + " (" + rep.model() + ") failed: " + rep.failure());
      n.putObject("descriptor").put("id", "chorus/reviewer-failed");
      n.putObject("properties")
          .put("reviewer", rep.reviewer())
          .put("model", rep.model().toString())
          .put("errorKind", rep.failureKind());
    }
    if (r.runFailure() != null) {
      ObjectNode n = notes.addObject();
      n.put("level", "error");
      n.putObject("message")
          .put("text", "the review failed under its failure policy: " + r.runFailure());
    }
    if (r.degraded()) {
      inv.putObject("properties")
          .put("degraded", true)
          .put("answered", r.answered())
          .put("threshold", r.threshold())
          .put("notice", r.degradedNotice());
    }
  }

  private static void location(ObjectNode loc, String file, int start, int end) {
    ObjectNode phys = loc.putObject("physicalLocation");
    phys.putObject("artifactLocation").put("uri", file);
    phys.putObject("region").put("startLine", start).put("endLine", Math.max(start, end));
  }

  private static String ruleId(String cwe, String type) {
    if (cwe != null) {
      return cwe.toUpperCase(Locale.ROOT);
    }
    return "CHORUS-"
        + type.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("^-|-$", "");
  }

  private static String camel(String s) {
    StringBuilder sb = new StringBuilder();
    for (String w : s.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
      }
    }
    return sb.isEmpty() ? "Finding" : sb.toString();
  }

  private static String range(FindingGroup g) {
    return g.lineStart() == g.lineEnd()
        ? Integer.toString(g.lineStart())
        : g.lineStart() + "-" + g.lineEnd();
  }

  private static String pct(double v) {
    return Math.round(v * 100) + "%";
  }

  private static String policyName(ReviewResult r) {
    return r.policy()
        .getClass()
        .getSimpleName()
        .replaceAll("([a-z])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }
}
