package io.chorus.agents.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.agents.AgentAttempt;
import io.chorus.agents.AgentResult;
import io.chorus.common.internal.Json;
import io.chorus.common.internal.MarkdownTable;
import io.chorus.common.internal.Money;
import java.util.Locale;

/** An agent run's JSON (as {@code chorus agents run --json} prints it) and Markdown report. */
public final class AgentReport {
  private static final ObjectMapper JSON = Json.MAPPER;

  private AgentReport() {}

  public static String json(AgentResult result) {
    ObjectNode n = JSON.createObjectNode();
    switch (result) {
      case AgentResult.Success s -> {
        n.put("agent", s.agent())
            .put("answered_by", s.answeredBy())
            .put("synthetic", s.synthetic());
        n.set("output", s.output());
        n.put("attempts", s.attempts().size());
        n.putPOJO("route", s.route());
      }
      case AgentResult.Failure f -> {
        n.put("agent", f.agent())
            .put("reason", f.reason().name().toLowerCase(Locale.ROOT))
            .put("error", f.message())
            .put("synthetic", f.synthetic());
        n.putPOJO("validation_errors", f.validationErrors());
      }
    }
    return n.toString();
  }

  public static String markdown(AgentResult result) {
    StringBuilder sb = new StringBuilder("# Agent ").append(result.agent()).append("\n\n");
    switch (result) {
      case AgentResult.Success s -> {
        sb.append("Answered by **").append(s.answeredBy()).append("**");
        if (s.synthetic()) {
          sb.append(" (synthetic: the simulator answered)");
        }
        sb.append(".\n\n```")
            .append(s.output().isTextual() ? "" : "json")
            .append('\n')
            .append(s.output().isTextual() ? s.output().asText() : s.output().toPrettyString())
            .append("\n```\n");
      }
      case AgentResult.Failure f -> {
        sb.append("**FAILED** (")
            .append(f.reason().name().toLowerCase(Locale.ROOT))
            .append("): ")
            .append(f.message())
            .append("\n");
        f.validationErrors().forEach(e -> sb.append("- `").append(e).append("`\n"));
      }
    }
    sb.append("\nRoute: ").append(String.join(" -> ", result.route())).append("\n");
    result.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
    sb.append("\n| Agent | Round | Model | Result |\n|---|---|---|---|\n");
    for (AgentAttempt a : result.attempts()) {
      String what =
          a.error() != null
              ? "failed: " + a.error()
              : a.validationErrors().isEmpty()
                  ? "answered"
                  : a.validationErrors().size() + " schema errors";
      sb.append("| ")
          .append(a.agent())
          .append(" | ")
          .append(a.round())
          .append(" | ")
          .append(a.model())
          .append(" | ")
          .append(MarkdownTable.cell(what))
          .append(" |\n");
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "\n%d calls, %d tokens, %s%n",
            result.attempts().size(),
            result.usage().totalTokens(),
            Money.usd(result.costUsd())));
    return sb.toString();
  }
}
