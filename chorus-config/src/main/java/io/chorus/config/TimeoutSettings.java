package io.chorus.config;

import io.chorus.core.Timeouts;

/**
 * Timeouts as written in {@code chorus.yaml}, each a duration such as {@code 30s}; absent fields
 * keep the engine's defaults. {@code connect} is the HTTP client's connect timeout, shared by every
 * provider of the process: it is read under {@code defaults.timeouts} only.
 *
 * @param attempt the longest one attempt may take
 * @param call the longest one call may take, retries included
 * @param firstToken for streams, the longest wait for the first token
 * @param idle the longest silence while reading a response
 * @param connect the longest a TCP/TLS connect may take (default 10 s)
 */
public record TimeoutSettings(
    String attempt, String call, String firstToken, String idle, String connect) {

  public TimeoutSettings {
    DurationText.check("attempt", attempt);
    DurationText.check("call", call);
    DurationText.check("first_token", firstToken);
    DurationText.check("idle", idle);
    DurationText.check("connect", connect);
  }

  /** These settings over {@code base}. */
  public Timeouts apply(Timeouts base) {
    Timeouts t = base;
    if (attempt != null) {
      t = t.withAttempt(DurationText.parse(attempt));
    }
    if (call != null) {
      t = t.withCall(DurationText.parse(call));
    }
    if (firstToken != null) {
      t = t.withFirstToken(DurationText.parse(firstToken));
    }
    if (idle != null) {
      t = t.withIdle(DurationText.parse(idle));
    }
    return t;
  }

  /** Rejects {@code connect} where it cannot apply (under a provider or a model). */
  static void noConnect(TimeoutSettings t) {
    if (t != null && t.connect() != null) {
      throw new IllegalArgumentException(
          "timeouts.connect is the HTTP client's, shared by every provider: set it under defaults.timeouts");
    }
  }
}
