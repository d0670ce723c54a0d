package io.chorus.advisor;

import io.chorus.advisor.internal.Json;
import io.chorus.advisor.internal.RecommendationMarkdown;
import java.util.List;

/**
 * The advisor's answer for one profile. Immutable.
 *
 * @param profile the profile advised on
 * @param approach the recommended approach
 * @param summary the recommendation in one sentence, with its sizing (permits, pool size)
 * @param rules the rules that fired, in the order they were applied
 * @param expectation measured speedup and memory overhead for the recommended approach, or why none
 * @param alternatives the other approaches and their trade-offs
 * @param migration steps to move from sequential code to the recommended approach
 * @param pitfalls what goes wrong with this approach for this profile
 */
public record Recommendation(
    WorkloadProfile profile,
    Approach approach,
    String summary,
    List<FiredRule> rules,
    Expectation expectation,
    List<Alternative> alternatives,
    List<String> migration,
    List<String> pitfalls) {

  /** Copies the lists. */
  public Recommendation {
    rules = List.copyOf(rules);
    alternatives = List.copyOf(alternatives);
    migration = List.copyOf(migration);
    pitfalls = List.copyOf(pitfalls);
  }

  /** Whether the rule with {@code id} fired. */
  public boolean fired(String id) {
    return rules.stream().anyMatch(r -> r.id().equals(id));
  }

  /** The recommendation as a Markdown document. */
  public String toMarkdown() {
    return RecommendationMarkdown.render(this);
  }

  /** The recommendation as JSON (the profile, the approach id, rules, figures, steps, pitfalls). */
  public String toJson() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("approach", approach);
    m.put("title", approach.title());
    m.put("summary", summary);
    m.put("profile", profile.toMap());
    m.put("rules", rules);
    m.put("expectation", expectation);
    m.put("alternatives", alternatives);
    m.put("migration", migration);
    m.put("pitfalls", pitfalls);
    return Json.write(m);
  }
}
