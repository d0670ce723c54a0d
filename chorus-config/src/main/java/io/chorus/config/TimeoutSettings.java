package io.chorus.config;

import io.chorus.core.Timeouts;

/** Timeouts as written in {@code chorus.yaml}, each a duration such as {@code 30s}; absent fields keep the engine's defaults. */
public record TimeoutSettings(String attempt, String call, String firstToken, String idle) {

  public TimeoutSettings {
    check("attempt", attempt);
    check("call", call);
    check("first_token", firstToken);
    check("idle", idle);
  }

  private static void check(String name, String value) {
    if (value != null) {
      try {
        DurationText.parse(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage());
      }
    }
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
}
