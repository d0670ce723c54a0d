package io.chorus.patterns.vote;

import io.chorus.core.Usage;
import io.chorus.patterns.CallSummary;
import java.util.ArrayList;
import java.util.List;

/** Builds votes for aggregator tests. */
final class Votes {
  private final List<Vote> votes = new ArrayList<>();

  static Votes of() {
    return new Votes();
  }

  private static CallSummary ok() {
    return new CallSummary("sim:fast", "succeeded", Usage.of(10, 5), 0, 1, 1, null, null, true);
  }

  Votes valid(String choice) {
    return valid(choice, Confidence.UNSTATED, 1);
  }

  Votes valid(String choice, double confidence) {
    return valid(choice, new Confidence(confidence, Double.toString(confidence)), 1);
  }

  Votes weighted(String choice, double weight) {
    return valid(choice, Confidence.UNSTATED, weight);
  }

  Votes valid(String choice, Confidence c, double weight) {
    int i = votes.size();
    votes.add(
        new Vote(
            i,
            "v" + i,
            weight,
            Vote.Status.VALID,
            choice,
            choice,
            c,
            "",
            List.of(),
            choice,
            null,
            ok()));
    return this;
  }

  Votes ranked(String... ranking) {
    int i = votes.size();
    votes.add(
        new Vote(
            i,
            "v" + i,
            1,
            Vote.Status.VALID,
            ranking[0],
            ranking[0],
            Confidence.UNSTATED,
            "",
            List.of(ranking),
            String.join(">", ranking),
            null,
            ok()));
    return this;
  }

  Votes invalid(String raw) {
    int i = votes.size();
    votes.add(
        new Vote(
            i,
            "v" + i,
            1,
            Vote.Status.INVALID,
            null,
            null,
            null,
            "",
            List.of(),
            raw,
            "unreadable",
            ok()));
    return this;
  }

  Votes failed() {
    int i = votes.size();
    votes.add(
        new Vote(
            i,
            "v" + i,
            1,
            Vote.Status.FAILED,
            null,
            null,
            null,
            "",
            List.of(),
            null,
            "server_error: boom",
            new CallSummary(
                "sim:fast", "failed", Usage.ZERO, 0, 1, 3, "server_error", "boom", false)));
    return this;
  }

  List<Vote> list() {
    return votes;
  }

  Ballot ballot(String... options) {
    return Ballot.of(Choices.of(List.of(options)), votes);
  }

  static List<Voter> pending(int n) {
    List<Voter> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Voter.named("p" + i));
    }
    return out;
  }
}
