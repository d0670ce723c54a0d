package io.chorus.semantics;

import java.util.Objects;

/**
 * One substantive statement taken from an answer.
 *
 * @param text the statement, cleaned of markdown and of meta-talk such as "I agree with X on"
 * @param stance what its author said about it relative to the others
 */
public record Claim(String text, Stance stance) {

  public Claim {
    Objects.requireNonNull(stance, "stance");
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("claim text must not be blank");
    }
    text = text.strip();
  }

  /** A claim with no stated stance. */
  public static Claim of(String text) {
    return new Claim(text, Stance.UNSTATED);
  }
}
