package io.chorus.patterns.vote;

import io.chorus.core.CallRecord;
import io.chorus.core.CallStatus;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Outcome;
import io.chorus.core.Pattern;
import io.chorus.core.PatternResult;
import io.chorus.core.RunOptions;
import io.chorus.core.RunProgress;
import io.chorus.core.RunResult;
import io.chorus.core.SharedPrefix;
import io.chorus.core.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One run of a {@link Voting}: fan-out, early stopping, conversion of outcomes into votes.
 *
 * <p>No task throws to steer the run: each voter's task returns its {@link Vote}, the vote's
 * failure policy counts a failed vote as a failure ({@link FailurePolicy#failedIf}), and adaptive
 * cancel stops the fan-out with a condition over the votes recorded so far ({@link
 * FailurePolicy#stopWhen}), evaluated by the engine as each vote comes in, one at a time.
 */
final class VoteRun {

  private static final String SETTLED = "outcome settled before this voter answered";

  private final Voting voting;
  private final Engine engine;
  private final List<ChatRequest> requests;
  private final Vote[] cast;
  private boolean settled;
  private boolean budgetStopped;

  /** Why the voters after a wave the budget cut short were not launched. */
  static final String BUDGET_STOPPED =
      io.chorus.core.Budget.NOT_RUN
          + " reached before this voter was launched; the vote ended with the votes it had";

  VoteRun(Voting voting, Engine engine) {
    this.voting = voting;
    this.engine = engine;
    // voters sharing a long prompt start read it from the provider's cache, one leader first
    this.requests = SharedPrefix.markFor(engine, voting.requestsByVoter());
    this.cast = new Vote[voting.voters.size()];
  }

  VotingResult run() {
    long start = engine.config().time().nanoTime();
    RunOptions options =
        new RunOptions(
            voting.policy, voting.deadline, null, "vote:" + voting.name, voting.callOptions);
    String runFailure = null;
    switch (voting.adaptive.mode()) {
      case OFF -> runFailure = runWave(indexes(0, cast.length), options, false);
      case CANCEL -> runFailure = runWave(indexes(0, cast.length), options, true);
      case WAVES -> {
        int size = voting.adaptive.waveSize();
        for (int from = 0; from < cast.length; from += size) {
          String failure =
              runWave(indexes(from, Math.min(cast.length, from + size)), options, false);
          runFailure = runFailure != null ? runFailure : failure;
          if (failure != null && voting.policy instanceof FailurePolicy.FailFast) {
            break; // fail-fast: the first failure stops the whole vote
          }
          if (settledNow()) {
            settled = true;
            break;
          }
          if (refusedByBudget(from, Math.min(cast.length, from + size))) {
            budgetStopped = true;
            break; // the budget admits no more calls: end with the votes there are
          }
        }
      }
    }
    List<Vote> votes = new ArrayList<>();
    for (int i = 0; i < cast.length; i++) {
      Vote v = cast[i];
      if (v == null) {
        String why =
            settled
                ? "not launched: " + SETTLED
                : budgetStopped
                    ? BUDGET_STOPPED
                    : "not launched: the run failed (" + runFailure + ")";
        v = notRun(i, why);
      }
      votes.add(v);
    }
    Ballot ballot = new Ballot(voting.prompt, voting.choices, votes, engine, voting.defaultModel);
    Tally tally = voting.aggregator.tally(ballot);
    long elapsedMs = (engine.config().time().nanoTime() - start) / 1_000_000;
    return VotingResult.of(voting, tally, elapsedMs, voting.adaptive, runFailure);
  }

  private static List<Integer> indexes(int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  /** Runs the voters at {@code idx}; returns the run's failure under its policy, or null. */
  private String runWave(List<Integer> idx, RunOptions options, boolean cancelWhenSettled) {
    List<Task<Vote>> tasks = new ArrayList<>();
    for (int i : idx) {
      Pattern<?> nested = voting.nestedPatterns.get(i);
      tasks.add(
          nested != null
              ? ctx -> nestedVote(i, nested, ctx.engine())
              : ctx -> toVote(i, ctx.engine().call(requests.get(i), voting.callOptions)));
    }
    FailurePolicy policy = options.policy().failedIf(VoteRun::failure);
    if (cancelWhenSettled) {
      policy = policy.stopWhen(progress -> settledBy(idx, progress) ? SETTLED_REASON : null);
    }
    RunResult<Vote> result = engine.run(tasks, options.withPolicy(policy));
    for (int k = 0; k < idx.size(); k++) {
      int i = idx.get(k);
      Outcome<Vote> o = result.outcomes().get(k);
      cast[i] =
          switch (o) {
            case Outcome.Success<Vote> s -> s.value();
            case Outcome.Failure<Vote> f -> failed(i, f.errorKind(), f.errorMessage(), null);
            case Outcome.Cancelled<Vote> c ->
                notRun(
                    i,
                    SETTLED_REASON.equals(c.reason())
                        ? "cancelled: " + SETTLED
                        : "cancelled: " + c.reason());
            case Outcome.TimedOut<Vote> t -> failed(i, "timed_out", t.errorMessage(), null);
          };
      settled |= o instanceof Outcome.Cancelled<Vote> c && SETTLED_REASON.equals(c.reason());
    }
    return result.failure();
  }

  private static final String SETTLED_REASON = "vote settled";

  /** Why a vote counts as a failure for the vote's policy: its call failed. */
  private static String failure(Object value) {
    return value instanceof Vote v && v.status() == Vote.Status.FAILED ? v.problem() : null;
  }

  /**
   * Whether the votes recorded so far (the engine's view, under its lock) settle the outcome
   * whatever the voters still pending say.
   */
  private boolean settledBy(List<Integer> idx, RunProgress progress) {
    List<Vote> done = new ArrayList<>();
    List<Voter> pending = new ArrayList<>();
    for (int k = 0; k < idx.size(); k++) {
      Outcome<?> o = progress.outcomes().get(k);
      if (o == null) {
        pending.add(voting.voters.get(idx.get(k)));
      } else {
        Vote v = progress.value(k, Vote.class);
        if (v != null) {
          done.add(v);
        }
      }
    }
    if (pending.isEmpty()) {
      return false; // nothing left to save
    }
    Ballot partial = new Ballot(voting.prompt, voting.choices, done, engine, voting.defaultModel);
    return voting.aggregator.settled(partial, pending);
  }

  /** Whether the budget refused a voter of {@code [from, to)} (its call was never sent). */
  private boolean refusedByBudget(int from, int to) {
    for (int i = from; i < to; i++) {
      if (cast[i] != null && byBudget(cast[i])) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code v} was not run because the budget admitted no more calls. */
  static boolean byBudget(Vote v) {
    return v.status() == Vote.Status.NOT_RUN
        && v.problem() != null
        && v.problem().contains(io.chorus.core.Budget.NOT_RUN);
  }

  private boolean settledNow() {
    List<Vote> done = Arrays.stream(cast).filter(v -> v != null).toList();
    List<Voter> pending = new ArrayList<>();
    for (int i = 0; i < cast.length; i++) {
      if (cast[i] == null) {
        pending.add(voting.voters.get(i));
      }
    }
    if (pending.isEmpty()) {
      return false; // nothing left to save
    }
    Ballot partial = new Ballot(voting.prompt, voting.choices, done, engine, voting.defaultModel);
    return voting.aggregator.settled(partial, pending);
  }

  private Vote notRun(int i, String why) {
    Voter voter = voting.voters.get(i);
    return new Vote(
        i,
        voter.name(),
        voter.weight(),
        Vote.Status.NOT_RUN,
        null,
        null,
        null,
        "",
        List.of(),
        null,
        why,
        CallRecord.notRun(voting.askedOf(i), why, engine.config().time().now()));
  }

  private Vote failed(int i, String kind, String message, CallRecord call) {
    Voter voter = voting.voters.get(i);
    java.time.Instant now = engine.config().time().now();
    CallRecord c =
        call != null
            ? call
            : CallRecord.step(
                voting.askedOf(i),
                CallStatus.FAILED,
                io.chorus.core.Usage.ZERO,
                0,
                now,
                now,
                kind,
                message,
                false);
    return new Vote(
        i,
        voter.name(),
        voter.weight(),
        Vote.Status.FAILED,
        null,
        null,
        null,
        "",
        List.of(),
        null,
        kind + ": " + message,
        c);
  }

  /**
   * Runs a nested voter's pattern on the vote's engine and reads its text like a model's answer; a
   * result that is not ok is a failed vote that keeps what the pattern cost.
   */
  private Vote nestedVote(int i, Pattern<?> pattern, Engine on) {
    java.time.Instant start = on.config().time().now();
    PatternResult r = pattern.run(on);
    String kind = r.ok() ? null : "nested_failed";
    String message =
        r.ok() ? null : "the nested pattern '" + pattern.name() + "' produced no output";
    CallRecord call =
        CallRecord.step(
            pattern.name(),
            r.ok() ? CallStatus.SUCCEEDED : CallStatus.FAILED,
            r.usage(),
            r.costUsd(),
            start,
            on.config().time().now(),
            kind,
            message,
            r.synthetic());
    if (!r.ok()) {
      return failed(i, kind, message, call);
    }
    return fromText(i, voting.voters.get(i), r.text(), call);
  }

  /** Turns a call outcome into a vote: parse, match, or report why not. */
  Vote toVote(int i, Outcome<ChatResponse> outcome) {
    Voter voter = voting.voters.get(i);
    CallRecord call = CallRecord.of(voting.askedOf(i), outcome);
    if (outcome instanceof Outcome.Cancelled<ChatResponse> c) {
      return new Vote(
          i,
          voter.name(),
          voter.weight(),
          Vote.Status.NOT_RUN,
          null,
          null,
          null,
          "",
          List.of(),
          null,
          c.errorMessage(),
          call);
    }
    if (!(outcome instanceof Outcome.Success<ChatResponse> s)) {
      return failed(i, outcome.errorKind(), outcome.errorMessage(), call);
    }
    return fromText(i, voter, s.value().text(), call);
  }

  /** Reads an answer's text into a vote: parse, match, or report why not. */
  private Vote fromText(int i, Voter voter, String text, CallRecord call) {
    AnswerParser parser =
        voting.choices.isEmpty() ? AnswerParser.forFreeText() : AnswerParser.forOptions();
    Optional<ParsedAnswer> parsed = parser.parse(text);
    if (parsed.isEmpty()) {
      return invalid(
          i,
          voter,
          text,
          null,
          "answer could not be read: no JSON decision and no DECISION: line",
          call);
    }
    ParsedAnswer a = parsed.get();
    if (voting.choices.isEmpty()) {
      return new Vote(
          i,
          voter.name(),
          voter.weight(),
          Vote.Status.VALID,
          a.decision().strip(),
          a.decision(),
          a.confidence(),
          a.reasoning(),
          List.of(),
          text,
          null,
          call);
    }
    Optional<String> choice = voting.choices.match(a.decision());
    if (choice.isEmpty()) {
      return invalid(
          i,
          voter,
          text,
          a,
          "decision '" + a.decision() + "' is not one of " + voting.choices.options(),
          call);
    }
    List<String> ranking = new ArrayList<>();
    for (String r : a.ranking()) {
      voting.choices.match(r).filter(m -> !ranking.contains(m)).ifPresent(ranking::add);
    }
    if (!ranking.isEmpty() && !ranking.get(0).equals(choice.get())) {
      ranking.remove(choice.get());
      ranking.add(0, choice.get()); // the stated decision is the first choice
    }
    return new Vote(
        i,
        voter.name(),
        voter.weight(),
        Vote.Status.VALID,
        choice.get(),
        a.decision(),
        a.confidence(),
        a.reasoning(),
        ranking,
        text,
        null,
        call);
  }

  private static Vote invalid(
      int i, Voter voter, String text, ParsedAnswer a, String problem, CallRecord call) {
    return new Vote(
        i,
        voter.name(),
        voter.weight(),
        Vote.Status.INVALID,
        null,
        a == null ? null : a.decision(),
        a == null ? null : a.confidence(),
        a == null ? "" : a.reasoning(),
        List.of(),
        text,
        problem,
        call);
  }
}
