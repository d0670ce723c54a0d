package io.chorus.agents.internal;

import io.chorus.agents.Problem;
import io.chorus.agents.RelatedAgent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the {@code ## Related Agents} Markdown table of an agent body: the first table after that
 * heading and before the next heading, with columns {@code Agent}, {@code Relationship} and {@code
 * Escalation Trigger} (or {@code Trigger}), in any order.
 */
public final class RelatedAgentsTable {
  private static final Pattern HEADING =
      Pattern.compile("^#{1,6}\\s+related agents\\s*$", Pattern.CASE_INSENSITIVE);

  private RelatedAgentsTable() {}

  public static List<RelatedAgent> parse(
      String file, String body, int firstLine, List<Problem> problems) {
    String[] lines = body.split("\n", -1);
    int start = -1;
    boolean inFence = false;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().startsWith("```")) {
        inFence = !inFence;
      } else if (!inFence && HEADING.matcher(lines[i].strip()).matches()) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return List.of();
    }
    List<RelatedAgent> rows = new ArrayList<>();
    int agentCol = -1;
    int relCol = -1;
    int trigCol = -1;
    boolean header = true;
    for (int i = start + 1; i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.startsWith("#")) {
        break;
      }
      if (!s.startsWith("|")) {
        if (!rows.isEmpty() || !header) {
          break;
        }
        continue;
      }
      List<String> cells = cells(s);
      if (header) {
        for (int c = 0; c < cells.size(); c++) {
          String h = cells.get(c).toLowerCase(Locale.ROOT);
          if (h.equals("agent")) {
            agentCol = c;
          } else if (h.equals("relationship")) {
            relCol = c;
          } else if (h.contains("trigger")) {
            trigCol = c;
          }
        }
        if (agentCol < 0) {
          problems.add(
              Problem.warning(
                  file,
                  firstLine + i,
                  "the Related Agents table has no 'Agent' column; it is ignored"));
          return List.of();
        }
        header = false;
        continue;
      }
      if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
        continue;
      }
      String agent = cell(cells, agentCol).replace("`", "").strip();
      if (agent.isEmpty()) {
        continue;
      }
      String trigger = cell(cells, trigCol);
      rows.add(
          new RelatedAgent(
              agent, cell(cells, relCol), trigger, Keywords.of(trigger), firstLine + i));
    }
    return rows;
  }

  private static String cell(List<String> cells, int index) {
    return index >= 0 && index < cells.size() ? cells.get(index) : "";
  }

  private static List<String> cells(String row) {
    String r = row.strip();
    if (r.startsWith("|")) {
      r = r.substring(1);
    }
    if (r.endsWith("|")) {
      r = r.substring(0, r.length() - 1);
    }
    return Arrays.stream(r.split("\\|", -1)).map(String::strip).toList();
  }
}
