package io.chorus.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Time limits. Deadlines propagate downward: a run's deadline bounds each call's, a call's bounds
 * each attempt's; the tightest wins. Null means no limit at that level.
 *
 * @param attempt the longest one attempt may take, in all (default 10 minutes, as the SDKs)
 * @param call the longest one call may take, retries and backoff included, or null
 * @param firstToken for streams, the longest wait for the first token, or null
 * @param idle for streams, the longest silence between two chunks, or null
 */
public record Timeouts(
    Duration attempt,
    @Nullable Duration call,
    @Nullable Duration firstToken,
    @Nullable Duration idle) {

  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofMinutes(10), null, null, Duration.ofSeconds(60));

  public Timeouts {
    Checks.positive("timeouts.attempt", attempt);
    Checks.optionalPositive("timeouts.call", call);
    Checks.optionalPositive("timeouts.firstToken", firstToken);
    Checks.optionalPositive("timeouts.idle", idle);
    if (call != null && call.compareTo(attempt) < 0) {
      // not an error: the call deadline clips the attempt. Documented rather than rejected.
    }
    if (firstToken != null && firstToken.compareTo(attempt) > 0) {
      throw new IllegalArgumentException(
          "timeouts.firstToken ("
              + firstToken
              + ") must not exceed timeouts.attempt ("
              + attempt
              + ")");
    }
  }

  public Timeouts withAttempt(Duration d) {
    return new Timeouts(d, call, firstToken, idle);
  }

  public Timeouts withCall(Duration d) {
    return new Timeouts(attempt, d, firstToken, idle);
  }

  public Timeouts withFirstToken(Duration d) {
    return new Timeouts(attempt, call, d, idle);
  }

  public Timeouts withIdle(Duration d) {
    return new Timeouts(attempt, call, firstToken, d);
  }
}
