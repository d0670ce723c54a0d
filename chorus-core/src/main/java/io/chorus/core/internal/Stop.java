package io.chorus.core.internal;

import io.chorus.core.Outcome;
import io.chorus.core.Timeline;
import java.time.Duration;

/**
 * Why a task or call was stopped from outside: cancelled (failure policy, quorum, shutdown) or a
 * deadline passed. Sticky: once a {@link Control} holds one, it never changes.
 */
record Stop(boolean timedOut, String reason, Duration limit) {

  static Stop cancelled(String reason) {
    return new Stop(false, reason, null);
  }

  static Stop timedOut(String reason, Duration limit) {
    return new Stop(true, reason, limit);
  }

  <T> Outcome<T> outcome(Timeline timeline) {
    return timedOut
        ? new Outcome.TimedOut<>(limit, timeline)
        : new Outcome.Cancelled<>(reason, timeline);
  }
}
