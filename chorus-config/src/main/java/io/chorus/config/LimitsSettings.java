package io.chorus.config;

import io.chorus.core.Limits;

/**
 * Limits as written in {@code chorus.yaml}: {@code {concurrency: 8, rpm: 50, tpm: 40000}}. Absent
 * fields mean no limit.
 */
public record LimitsSettings(Integer concurrency, Double rpm, Double tpm) {

  public LimitsSettings {
    if (concurrency != null && concurrency <= 0) {
      throw new IllegalArgumentException(
          "concurrency must be a positive whole number, was " + concurrency);
    }
    if (rpm != null && !(rpm > 0)) {
      throw new IllegalArgumentException("rpm must be positive, was " + rpm);
    }
    if (tpm != null && !(tpm > 0)) {
      throw new IllegalArgumentException("tpm must be positive, was " + tpm);
    }
  }

  public Limits toLimits() {
    return new Limits(
        concurrency == null ? 0 : concurrency, rpm == null ? 0 : rpm, tpm == null ? 0 : tpm);
  }
}
