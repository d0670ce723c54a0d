package io.chorus.deliberation;

import java.util.List;

/**
 * A claim of the final answers, attributed: who holds it, and who contradicts it.
 *
 * @param text a representative wording of the claim
 * @param heldBy participants whose answers contain it
 * @param contradictedBy participants whose answers contain its opposite
 */
public record Point(String text, List<String> heldBy, List<String> contradictedBy) {
  public Point {
    heldBy = List.copyOf(heldBy);
    contradictedBy = List.copyOf(contradictedBy);
  }
}
