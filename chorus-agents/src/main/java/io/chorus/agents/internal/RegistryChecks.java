package io.chorus.agents.internal;

import io.chorus.agents.AgentDefinition;
import io.chorus.agents.Problem;
import io.chorus.agents.RelatedAgent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks across agents: every fallback agent exists, fallback chains have no cycle, and related
 * agents are known (a warning only: a Related Agents table may name agents not installed here).
 */
public final class RegistryChecks {
  private static final String FALLBACK = "/error_handling/fallback_agent";

  private RegistryChecks() {}

  /**
   * Problems of the agents in {@code byName} that {@code report} accepts, resolving references
   * against all of {@code byName}.
   */
  public static List<Problem> check(
      Map<String, AgentDefinition> byName, Predicate<AgentDefinition> report) {
    List<Problem> problems = new ArrayList<>();
    for (AgentDefinition a : byName.values()) {
      if (!report.test(a)) {
        continue;
      }
      String fb = a.errorHandling().fallbackAgent();
      if (fb != null) {
        if (!byName.containsKey(fb)) {
          problems.add(
              Problem.error(
                  a.source(),
                  a.lineOf(FALLBACK),
                  "fallback_agent '"
                      + fb
                      + "' is not a known agent"
                      + suggestion(fb, byName.keySet())));
        } else {
          List<String> cycle = cycleThrough(a.name(), byName);
          if (!cycle.isEmpty()) {
            problems.add(
                Problem.error(
                    a.source(),
                    a.lineOf(FALLBACK),
                    "fallback_agent cycle: " + String.join(" -> ", cycle)));
          }
        }
      }
      for (RelatedAgent r : a.relatedAgents()) {
        if (!byName.containsKey(r.agent())) {
          problems.add(
              Problem.warning(
                  a.source(),
                  r.line(),
                  "related agent '"
                      + r.agent()
                      + "' is not a known agent; handovers to it are skipped"));
        }
      }
    }
    return problems;
  }

  /**
   * The fallback cycle starting and ending at {@code start}, or empty when the chain ends
   * elsewhere.
   */
  static List<String> cycleThrough(String start, Map<String, AgentDefinition> byName) {
    LinkedHashSet<String> path = new LinkedHashSet<>();
    String cur = start;
    while (cur != null && byName.containsKey(cur) && path.add(cur)) {
      cur = byName.get(cur).errorHandling().fallbackAgent();
    }
    if (start.equals(cur)) {
      List<String> cycle = new ArrayList<>(path);
      cycle.add(start);
      return cycle;
    }
    return List.of();
  }

  private static String suggestion(String name, java.util.Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
      return " (did you mean '" + best + "'?)";
    }
    return known.size() <= 12
        ? " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")"
        : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
