package io.chorus.bench;

/**
 * Whether one target of issue 10 was met.
 *
 * @param id the scenario (P1..P5, overhead)
 * @param target the target as stated
 * @param measured what was measured, as text
 * @param met true when met; null when it could not be judged (no result)
 */
public record Verdict(String id, String target, String measured, Boolean met) {

  public String status() {
    return met == null ? "not measured" : met ? "met" : "MISSED";
  }
}
