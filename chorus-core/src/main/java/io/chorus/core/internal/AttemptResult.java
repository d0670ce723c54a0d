package io.chorus.core.internal;

import io.chorus.core.ChatResponse;
import io.chorus.core.ProviderException;
import io.chorus.core.RateLimitInfo;

/**
 * How one attempt ended, for the policies: a response, a classified error, cancelled as a hedge
 * loser, or stopped (the call was cancelled or its deadline passed).
 */
record AttemptResult(
    ChatResponse response,
    ProviderException error,
    boolean cancelled,
    Stop stop,
    long latencyNanos) {

  static AttemptResult success(ChatResponse r, long latencyNanos) {
    return new AttemptResult(r, null, false, null, latencyNanos);
  }

  static AttemptResult failure(ProviderException e, long latencyNanos) {
    return new AttemptResult(null, e, false, null, latencyNanos);
  }

  static AttemptResult lost() {
    return new AttemptResult(null, null, true, null, 0);
  }

  /** Cancelled because another attempt of the race won, after running {@code elapsedNanos}. */
  static AttemptResult lost(long elapsedNanos) {
    return new AttemptResult(null, null, true, null, elapsedNanos);
  }

  static AttemptResult stopped(Stop s) {
    return new AttemptResult(null, null, true, s, 0);
  }

  boolean succeeded() {
    return response != null;
  }

  RateLimitInfo rateLimits() {
    return response != null ? response.rateLimits() : error != null ? error.rateLimits() : null;
  }
}
