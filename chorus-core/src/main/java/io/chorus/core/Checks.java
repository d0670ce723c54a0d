package io.chorus.core;

import java.time.Duration;

/** Validation shared by the policy values; every message names the field. */
final class Checks {
  private Checks() {}

  static Duration positive(String field, Duration value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must be set");
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
    return value;
  }

  static Duration nonNegative(String field, Duration value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must be set");
    }
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
    return value;
  }

  static Duration optionalPositive(String field, Duration value) {
    return value == null ? null : positive(field, value);
  }

  static int positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
    return value;
  }

  static int nonNegative(String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
    return value;
  }

  static double fraction(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be between 0 and 1, was " + value);
    }
    return value;
  }
}
