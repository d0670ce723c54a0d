package io.chorus.patterns.vote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups of words that mean the same decision. A decision in a group matches the one option in the
 * same group (when exactly one option is); words are compared in {@link Choices#canonical} form.
 *
 * <p>The default table (extend it with {@link #with}):
 *
 * <table>
 *   <caption>Default synonym groups</caption>
 *   <tr><th>Group</th><th>Words</th></tr>
 *   <tr><td>accept</td><td>acceptable, accept, accepted, approve, approved, allow, allowed, ok, okay,
 *       fine, safe, pass, passed, permitted, appropriate, compliant, lgtm</td></tr>
 *   <tr><td>reject</td><td>rejected, reject, deny, denied, block, blocked, remove, removed, refuse,
 *       refused, unacceptable, not_acceptable, disallow, disallowed, unsafe, fail, failed,
 *       inappropriate, violation, ban, banned</td></tr>
 *   <tr><td>review</td><td>needs_review, needs_human_review, review, human_review, manual_review,
 *       flag, flagged, escalate, escalated, borderline, uncertain, unsure, unclear</td></tr>
 *   <tr><td>yes</td><td>yes, y, true, affirmative</td></tr>
 *   <tr><td>no</td><td>no, n, false, negative</td></tr>
 * </table>
 *
 * Immutable and thread-safe.
 *
 * @param groups each a set of canonical words
 */
public record SynonymTable(List<Set<String>> groups) {

  public SynonymTable {
    List<Set<String>> copy = new ArrayList<>();
    for (Set<String> g : groups) {
      Set<String> canon = new LinkedHashSet<>();
      g.forEach(w -> canon.add(Choices.canonical(w)));
      copy.add(Set.copyOf(canon));
    }
    groups = List.copyOf(copy);
  }

  public static SynonymTable defaults() {
    return new SynonymTable(
        List.of(
            Set.of(
                "acceptable",
                "accept",
                "accepted",
                "approve",
                "approved",
                "allow",
                "allowed",
                "ok",
                "okay",
                "fine",
                "safe",
                "pass",
                "passed",
                "permitted",
                "appropriate",
                "compliant",
                "lgtm"),
            Set.of(
                "rejected",
                "reject",
                "deny",
                "denied",
                "block",
                "blocked",
                "remove",
                "removed",
                "refuse",
                "refused",
                "unacceptable",
                "not_acceptable",
                "disallow",
                "disallowed",
                "unsafe",
                "fail",
                "failed",
                "inappropriate",
                "violation",
                "ban",
                "banned"),
            Set.of(
                "needs_review",
                "needs_human_review",
                "review",
                "human_review",
                "manual_review",
                "flag",
                "flagged",
                "escalate",
                "escalated",
                "borderline",
                "uncertain",
                "unsure",
                "unclear"),
            Set.of("yes", "y", "true", "affirmative"),
            Set.of("no", "n", "false", "negative")));
  }

  public static SynonymTable none() {
    return new SynonymTable(List.of());
  }

  /**
   * This table with {@code words} meaning the same; merged into an existing group when one of the
   * words is already in it.
   */
  public SynonymTable with(String... words) {
    Set<String> added = new LinkedHashSet<>();
    for (String w : words) {
      added.add(Choices.canonical(w));
    }
    List<Set<String>> out = new ArrayList<>();
    Set<String> merged = new LinkedHashSet<>(added);
    for (Set<String> g : groups) {
      if (g.stream().anyMatch(added::contains)) {
        merged.addAll(g);
      } else {
        out.add(g);
      }
    }
    out.add(merged);
    return new SynonymTable(out);
  }

  /** The groups that contain {@code canonicalWord}. */
  List<Set<String>> groupsOf(String canonicalWord) {
    return groups.stream().filter(g -> g.contains(canonicalWord)).toList();
  }
}
