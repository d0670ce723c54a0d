package io.chorus.review;

import java.util.Locale;

/** How bad a finding is, most severe first. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /**
   * Parses {@code critical|high|medium|low|info} (any case; {@code moderate} means medium, {@code
   * informational} and {@code none} mean info).
   *
   * @throws IllegalArgumentException naming the text when it is none of these
   */
  public static Severity parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "critical" -> CRITICAL;
      case "high" -> HIGH;
      case "medium", "moderate" -> MEDIUM;
      case "low" -> LOW;
      case "info", "informational", "none" -> INFO;
      default ->
          throw new IllegalArgumentException(
              "severity '" + text + "' is not one of critical, high, medium, low, info");
    };
  }

  /** True when this is at least as severe as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }

  /** The lower-case name. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** SARIF {@code level}: error for critical/high, warning for medium, note otherwise. */
  public String sarifLevel() {
    return switch (this) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** GitHub's {@code security-severity} score for this level. */
  public String securitySeverity() {
    return switch (this) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "1.0";
    };
  }
}
