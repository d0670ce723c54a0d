package io.chorus.review;

import io.chorus.semantics.Embedder;
import io.chorus.semantics.Embedding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Groups the findings of several reviewers into {@link FindingGroup}s and confirms them by vote.
 *
 * <h2>Grouping</h2>
 *
 * Two findings describe the same problem when they are in the same file, their line ranges overlap
 * or lie within {@value #LINE_SLACK} lines of each other, and either they name the same CWE or
 * their "type: description" texts are semantically similar (cosine of their embeddings at least the
 * embedder's calibrated same-subject threshold, 0.50 with all-MiniLM-L6-v2). Groups are the
 * connected components of that relation (single linkage). Unlike an exact "type:location" key, "SQL
 * Injection at line 5" and "SQLi via f-string in login()" (lines 4-6) fall together, while a SQL
 * injection and a password stored in the session three lines apart do not.
 *
 * <h2>Votes and severity</h2>
 *
 * A group's votes are its distinct reviewers; it is confirmed when votes reach the threshold.
 * <b>Severity escalation rule</b>: a group takes the highest severity that at least half of its
 * reviewers gave (the upper median of their severities, each reviewer counted once at its highest);
 * so a group rated high by two reviewers and critical by one is high, one rated critical by two of
 * three is critical, and a single report keeps its own severity. The highest severity anyone gave
 * is kept beside it ({@link FindingGroup#maxSeverity()}).
 *
 * <p>Groups are sorted confirmed first, then by severity, then by file and line. Stateless and
 * thread-safe.
 */
public final class FindingGroups {
  /** Lines between two ranges that still count as the same place. */
  public static final int LINE_SLACK = 3;

  private FindingGroups() {}

  public static List<FindingGroup> group(List<Finding> findings, int threshold, Embedder embedder) {
    if (threshold < 1) {
      throw new IllegalArgumentException("review: threshold must be at least 1, was " + threshold);
    }
    int n = findings.size();
    List<Embedding> vectors =
        n == 0
            ? List.of()
            : embedder.embedAll(
                findings.stream().map(f -> f.type() + ": " + f.description()).toList());
    double same = embedder.calibration().sameSubject();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        Finding a = findings.get(i);
        Finding b = findings.get(j);
        if (!a.near(b, LINE_SLACK)) {
          continue;
        }
        boolean sameCwe = a.cwe() != null && a.cwe().equalsIgnoreCase(String.valueOf(b.cwe()));
        if (sameCwe || vectors.get(i).cosine(vectors.get(j)) >= same) {
          union(parent, i, j);
        }
      }
    }
    Map<Integer, List<Finding>> components = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      components.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(findings.get(i));
    }
    List<FindingGroup> groups = new ArrayList<>();
    for (List<Finding> members : components.values()) {
      groups.add(toGroup(members, threshold));
    }
    groups.sort(
        Comparator.comparing((FindingGroup g) -> !g.confirmed())
            .thenComparing(FindingGroup::severity)
            .thenComparing(FindingGroup::file)
            .thenComparingInt(FindingGroup::lineStart));
    return groups;
  }

  static FindingGroup toGroup(List<Finding> members, int threshold) {
    LinkedHashSet<String> reviewers = new LinkedHashSet<>();
    Map<String, Severity> highestPerReviewer = new HashMap<>();
    for (Finding f : members) {
      reviewers.add(f.reviewer());
      highestPerReviewer.merge(f.reviewer(), f.severity(), (x, y) -> x.atLeast(y) ? x : y);
    }
    List<Severity> sorted = new ArrayList<>(highestPerReviewer.values());
    sorted.sort(Comparator.naturalOrder()); // most severe first
    Severity severity = sorted.get((sorted.size() - 1) / 2);
    Severity max = sorted.get(0);
    int start = members.stream().mapToInt(Finding::lineStart).min().orElse(1);
    int end = members.stream().mapToInt(Finding::lineEnd).max().orElse(start);
    double confidence = members.stream().mapToDouble(Finding::confidence).average().orElse(0);
    return new FindingGroup(
        mostCommon(members, Finding::type),
        mostCommon(members.stream().filter(f -> f.cwe() != null).toList(), Finding::cwe),
        severity,
        max,
        members.get(0).file(),
        start,
        end,
        members,
        List.copyOf(reviewers),
        reviewers.size() >= threshold,
        confidence);
  }

  private static String mostCommon(List<Finding> members, Function<Finding, String> key) {
    if (members.isEmpty()) {
      return null;
    }
    Map<String, Long> counts =
        members.stream()
            .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    parent[find(parent, a)] = find(parent, b);
  }
}
