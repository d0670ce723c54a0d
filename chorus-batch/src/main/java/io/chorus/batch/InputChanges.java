package io.chorus.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * How a batch's input differs from the input its journal recorded in an earlier run, by {@code
 * custom_id} and content.
 *
 * @param changed items whose id is in both but whose line differs
 * @param added items whose id is new
 * @param gone items of the earlier input whose id is no longer in the input
 * @param examples up to {@value #EXAMPLES} ids of each kind, in that order, as {@code changed},
 *     {@code added}, {@code gone} lists
 */
public record InputChanges(long changed, long added, long gone, List<List<String>> examples) {

  /** How many ids of each kind {@link #examples} keeps. */
  public static final int EXAMPLES = 10;

  public static final InputChanges NONE =
      new InputChanges(0, 0, 0, List.of(List.of(), List.of(), List.of()));

  public InputChanges {
    examples = examples.stream().map(List::copyOf).toList();
  }

  public boolean any() {
    return changed + added + gone > 0;
  }

  /** {@code 2 changed (a, b), 1 new (z), 1 gone (c)}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    part(parts, changed, "changed", examples.get(0));
    part(parts, added, "new", examples.get(1));
    part(parts, gone, "gone", examples.get(2));
    return String.join(", ", parts);
  }

  private static void part(List<String> parts, long n, String what, List<String> ids) {
    if (n > 0) {
      parts.add(
          n + " " + what + " (" + String.join(", ", ids) + (n > ids.size() ? ", ..." : "") + ")");
    }
  }
}
