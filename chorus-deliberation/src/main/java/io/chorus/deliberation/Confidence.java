package io.chorus.deliberation;

/**
 * How much to trust the outcome, in [0, 1], with its parts shown so that no reader has to take a
 * magic number on faith:
 *
 * <pre>
 * confidence = participation x (0.6 x convergence + 0.25 x stability + 0.15 x support)
 * </pre>
 *
 * <ul>
 *   <li>{@code convergence}: the final round's semantic convergence.
 *   <li>{@code participation}: participants who answered in the final round / participants. A
 *       deliberation where one of two voices failed can never be more than half-confident.
 *   <li>{@code stability}: 1 - |convergence(last) - convergence(previous)|; 1 for a single round.
 *       Agreement that still moves is less trustworthy.
 *   <li>{@code support}: the share of final claims that are agreements (0 when there are none).
 * </ul>
 *
 * @param value the combined confidence
 * @param convergence its convergence part
 * @param participation its participation part
 * @param stability its stability part
 * @param support its support part
 */
public record Confidence(
    double value, double convergence, double participation, double stability, double support) {

  /** Computes the confidence from its parts (each clamped to [0, 1]). */
  public static Confidence of(
      double convergence, double participation, double stability, double support) {
    double c = clamp(convergence);
    double p = clamp(participation);
    double s = clamp(stability);
    double u = clamp(support);
    return new Confidence(p * (0.6 * c + 0.25 * s + 0.15 * u), c, p, s, u);
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }
}
