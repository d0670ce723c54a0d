package io.chorus.core;

/**
 * What a fan-out does when some of its tasks fail.
 *
 * <ul>
 *   <li>{@link Ignore}: run everything; failures are reported beside the successes.
 *   <li>{@link FailFast}: the first failure cancels every task still queued or running; the run
 *       fails naming it.
 *   <li>{@link Retry}: like Ignore, but each failed task is run again (once more through all of
 *       the engine's policies) up to {@code rounds} times before it counts as failed.
 *   <li>{@link RequireAll}: run everything, then fail naming each failure if any task failed.
 *   <li>{@link Quorum}: done as soon as {@code k} tasks succeed; the rest are cancelled. Fails when
 *       so many have failed that {@code k} can no longer be reached.
 * </ul>
 *
 * <p>Whatever the policy, every task's outcome is kept: a failed run still hands back the results
 * already paid for (see {@link RunResult}).
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
            throw new IllegalArgumentException("failure policy 'quorum' needs a size, e.g. quorum:3");
          }
          yield quorum(Integer.parseInt(arg));
        }
        default ->
            throw new IllegalArgumentException(
                "unknown failure policy '" + text + "': use ignore, fail-fast, retry[:N], require-all or quorum:K");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("failure policy '" + text + "': '" + arg + "' is not a whole number", e);
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
