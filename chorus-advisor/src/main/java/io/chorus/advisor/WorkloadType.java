package io.chorus.advisor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a workload spends its time on. Written as {@code io-bound}, {@code cpu-bound}, {@code
 * mixed}.
 */
public enum WorkloadType {
  /** Mostly waiting on the network, disk or a database. */
  IO_BOUND("io-bound"),
  /** Mostly computing. */
  CPU_BOUND("cpu-bound"),
  /** Both: fetch, then process. */
  MIXED("mixed");

  private final String label;

  WorkloadType(String label) {
    this.label = label;
  }

  /** The written form: {@code io-bound}, {@code cpu-bound} or {@code mixed}. */
  @JsonValue
  public String label() {
    return label;
  }

  /**
   * Parses the written form; also accepts {@code io}, {@code cpu}, {@code hybrid} and underscores.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static WorkloadType parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (t) {
      case "io-bound", "io", "i/o", "i/o-bound" -> IO_BOUND;
      case "cpu-bound", "cpu" -> CPU_BOUND;
      case "mixed", "hybrid", "both" -> MIXED;
      default ->
          throw new IllegalArgumentException(
              "expected one of io-bound, cpu-bound, mixed, got \"" + text + "\"");
    };
  }
}
