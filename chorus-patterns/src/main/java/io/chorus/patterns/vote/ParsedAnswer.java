package io.chorus.patterns.vote;

import java.util.List;

/**
 * What a voter's raw answer said, before the decision is matched to the options.
 *
 * @param decision the decision as written (never blank)
 * @param confidence the stated confidence, or {@link Confidence#UNSTATED}
 * @param reasoning the reasoning, or ""
 * @param ranking a ranking of options best first, when the answer gave one, else empty
 * @param format where it came from: {@code json}, {@code lines} or {@code plain}
 */
public record ParsedAnswer(
    String decision, Confidence confidence, String reasoning, List<String> ranking, String format) {
  public ParsedAnswer {
    ranking = List.copyOf(ranking);
    reasoning = reasoning == null ? "" : reasoning;
  }
}
