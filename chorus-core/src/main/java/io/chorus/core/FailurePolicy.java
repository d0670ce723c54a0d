package io.chorus.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a fan-out does when some of its tasks fail.
 *
 * <ul>
 *   <li>{@link Ignore}: run everything; failures are reported beside the successes.
 *   <li>{@link FailFast}: the first failure cancels every task still queued or running; the run
 *       fails naming it.
 *   <li>{@link Retry}: like Ignore, but each failed task is run again (once more through all of the
 *       engine's policies) up to {@code rounds} times before it counts as failed.
 *   <li>{@link RequireAll}: run everything, then fail naming each failure if any task failed.
 *   <li>{@link Quorum}: done as soon as {@code k} tasks succeed; the rest are cancelled. Fails when
 *       so many have failed that {@code k} can no longer be reached.
 * </ul>
 *
 * <p>Any of them can be refined, in the way Failsafe's policies handle results as failures, without
 * a task ever throwing to steer its run:
 *
 * <ul>
 *   <li>{@link #failedIf}: a task's value counts as a failure when the check names a reason (a vote
 *       whose call failed, a section whose nested pattern produced nothing); fail-fast, quorum,
 *       require-all and retry then treat it as failed, and the value itself is kept in the result.
 *   <li>{@link #stopWhen}: the run stops (the tasks still queued or running are cancelled) as soon
 *       as a condition over the outcomes so far holds, such as "the vote is settled"; the run does
 *       not fail for it.
 *   <li>{@link #failWhen}: the same, but the run fails naming the reason.
 * </ul>
 *
 * <p>Checks and conditions are called once per finished task, in the order tasks finish, one at a
 * time under the run's lock, on the thread of the task that just finished: they see a consistent
 * picture and must be fast and must not block. This per-completion hook is also how a fan-out
 * delivers outcomes as they complete.
 *
 * {@snippet :
 * FailurePolicy policy = FailurePolicy.FAIL_FAST
 *     .failedIf(v -> v instanceof Vote vote && vote.failed() ? vote.problem() : null)
 *     .stopWhen(progress -> settled(progress) ? "outcome settled" : null);
 * }
 *
 * <p>Whatever the policy, every task's outcome is kept: a failed run still hands back the results
 * already paid for (see {@link RunResult}). Immutable and thread-safe.
 */
public sealed interface FailurePolicy {

  FailurePolicy IGNORE = new Ignore();
  FailurePolicy FAIL_FAST = new FailFast();
  FailurePolicy REQUIRE_ALL = new RequireAll();

  static FailurePolicy retry(int rounds) {
    return new Retry(rounds);
  }

  static FailurePolicy quorum(int k) {
    return new Quorum(k);
  }

  /**
   * Parses {@code ignore}, {@code fail-fast}, {@code retry[:N]}, {@code require-all} or {@code
   * quorum:K} (case-insensitive, {@code _} or {@code -}).
   */
  static FailurePolicy parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    String arg = null;
    int colon = t.indexOf(':');
    if (colon > 0) {
      arg = t.substring(colon + 1);
      t = t.substring(0, colon);
    }
    try {
      return switch (t) {
        case "ignore" -> IGNORE;
        case "fail-fast" -> FAIL_FAST;
        case "require-all" -> REQUIRE_ALL;
        case "retry" -> retry(arg == null ? 1 : Integer.parseInt(arg));
        case "quorum" -> {
          if (arg == null) {
            throw new IllegalArgumentException(
                "failure policy 'quorum' needs a size, e.g. quorum:3");
          }
          yield quorum(Integer.parseInt(arg));
        }
        default ->
            throw new IllegalArgumentException(
                "unknown failure policy '"
                    + text
                    + "': use ignore, fail-fast, retry[:N], require-all or quorum:K");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "failure policy '" + text + "': '" + arg + "' is not a whole number", e);
    }
  }

  /**
   * Names why a finished task's value counts as a failure, or returns null when it does not. Called
   * under the run's lock: fast, non-blocking, must not throw.
   */
  @FunctionalInterface
  interface ResultCheck {
    @Nullable String failure(@Nullable Object value);
  }

  /**
   * Names why a run should stop now, given its outcomes so far, or returns null to go on. Called
   * under the run's lock after each task finishes: fast, non-blocking, must not throw.
   */
  @FunctionalInterface
  interface StopCondition {
    @Nullable String test(RunProgress progress);
  }

  /**
   * This policy, where a successful task whose value {@code check} names a reason for counts as
   * failed.
   */
  default FailurePolicy failedIf(ResultCheck check) {
    return new FailedIf(this, Objects.requireNonNull(check, "check"));
  }

  /** This policy, and the run stops without failing as soon as {@code condition} names a reason. */
  default FailurePolicy stopWhen(StopCondition condition) {
    return new StopWhen(this, Objects.requireNonNull(condition, "condition"), false);
  }

  /**
   * This policy, and the run stops and fails, naming the reason, as soon as {@code condition} does.
   */
  default FailurePolicy failWhen(StopCondition condition) {
    return new StopWhen(this, Objects.requireNonNull(condition, "condition"), true);
  }

  /**
   * The policy under any {@link #failedIf}, {@link #stopWhen} and {@link #failWhen} refinements.
   */
  default FailurePolicy base() {
    return this;
  }

  /** The policy as {@link #parse} reads it ({@code quorum:3}); refinements are not written. */
  default String spec() {
    return switch (base()) {
      case Ignore i -> "ignore";
      case FailFast f -> "fail-fast";
      case Retry r -> "retry:" + r.rounds();
      case RequireAll r -> "require-all";
      case Quorum q -> "quorum:" + q.k();
      case FailedIf f -> f.base().spec();
      case StopWhen w -> w.base().spec();
    };
  }

  /** {@code base}, with values named by {@code check} counted as failures. */
  record FailedIf(FailurePolicy base, ResultCheck check) implements FailurePolicy {
    public FailedIf {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(check, "check");
    }

    @Override
    public FailurePolicy base() {
      return base.base();
    }
  }

  /**
   * {@code base}, stopped (and failed, when {@code fails}) once {@code condition} names a reason.
   */
  record StopWhen(FailurePolicy base, StopCondition condition, boolean fails)
      implements FailurePolicy {
    public StopWhen {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public FailurePolicy base() {
      return base.base();
    }
  }

  /** Partial results. */
  record Ignore() implements FailurePolicy {}

  /** The first failure cancels the rest. */
  record FailFast() implements FailurePolicy {}

  /** Failed tasks run again up to {@code rounds} times, then partial results. */
  record Retry(int rounds) implements FailurePolicy {
    public Retry {
      Checks.positive("failurePolicy.retry.rounds", rounds);
    }
  }

  /** Everything must succeed. */
  record RequireAll() implements FailurePolicy {}

  /** Done when {@code k} succeed. */
  record Quorum(int k) implements FailurePolicy {
    public Quorum {
      Checks.positive("failurePolicy.quorum.k", k);
    }
  }
}
