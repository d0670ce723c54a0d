package io.chorus.advisor;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The reading of a speedup against the sequential baseline.
 *
 * <p>Boundaries, exactly: below 1.0 is {@link #DONT_USE}; from 1.0 up to (not including) 1.2 is
 * {@link #NOT_JUSTIFIED}; from 1.2 up to and including 2.0 is {@link #WORTH_IT_FOR_LARGE_WORK};
 * above 2.0 is {@link #CLEAR_WINNER}.
 */
public enum Reading {
  /** Slower than the baseline. */
  DONT_USE("don't use: slower than sequential"),
  /** 1.0–1.2x. */
  NOT_JUSTIFIED("overhead not justified: stick with the simpler approach"),
  /** 1.2–2.0x. */
  WORTH_IT_FOR_LARGE_WORK("worth it for large work"),
  /** Above 2.0x. */
  CLEAR_WINNER("clear winner");

  private final String sentence;

  Reading(String sentence) {
    this.sentence = sentence;
  }

  /** The reading in words. */
  @JsonValue
  public String sentence() {
    return sentence;
  }

  /** Reads a speedup (baseline time / approach time). */
  public static Reading of(double speedup) {
    if (Double.isNaN(speedup)) throw new IllegalArgumentException("speedup is NaN");
    if (speedup < 1.0) return DONT_USE;
    if (speedup < 1.2) return NOT_JUSTIFIED;
    if (speedup <= 2.0) return WORTH_IT_FOR_LARGE_WORK;
    return CLEAR_WINNER;
  }
}
