package io.chorus.patterns.vote;

import io.chorus.core.Attempt;
import io.chorus.core.CallRecord;
import io.chorus.core.CallStatus;
import io.chorus.core.ModelId;
import io.chorus.core.Timeline;
import io.chorus.core.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds votes for aggregator tests. */
final class Votes {
  private final List<Vote> votes = new ArrayList<>();

  static Votes of() {
    return new Votes();
  }

  private static CallRecord ok() {
    return call(CallStatus.SUCCEEDED, Usage.of(10, 5), 1, null, null, true);
  }

  /** A call to sim:fast that made {@code attempts} attempts and took 1 ms. */
  private static CallRecord call(
      CallStatus status,
      Usage usage,
      int attempts,
      String errorKind,
      String errorMessage,
      boolean synthetic) {
    Instant t0 = Instant.EPOCH;
    List<Attempt> made = new ArrayList<>();
    for (int n = 1; n <= attempts; n++) {
      made.add(
          new Attempt(
              n,
              ModelId.parse("sim:fast"),
              n == 1 ? Attempt.Kind.FIRST : Attempt.Kind.RETRY,
              t0,
              null,
              t0.plusMillis(1),
              n == attempts && status == CallStatus.SUCCEEDED
                  ? Attempt.Result.SUCCEEDED
                  : Attempt.Result.FAILED,
              errorKind,
              usage,
              synthetic));
    }
    Timeline t = new Timeline("r/0", 0, t0, t0, t0.plusMillis(1), made, null, usage, 0);
    return new CallRecord(
        "r/0",
        "r",
        null,
        "sim:fast",
        status == CallStatus.SUCCEEDED ? "sim:fast" : null,
        Map.of(),
        status,
        errorKind,
        errorMessage,
        t,
        List.of(),
        false,
        synthetic);
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
            call(CallStatus.FAILED, Usage.ZERO, 3, "server_error", "boom", false)));
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
