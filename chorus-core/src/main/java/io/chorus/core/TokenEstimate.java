package io.chorus.core;

/**
 * The token approximation used wherever Chorus must guess before a provider counts: one token per
 * four characters, rounded up, at least one for non-empty text. The simulator counts with the same
 * rule, so estimates and simulated usage agree.
 */
public final class TokenEstimate {
  private TokenEstimate() {}

  /** Tokens for {@code chars} characters. */
  public static long ofChars(long chars) {
    return chars <= 0 ? 0 : (chars + 3) / 4;
  }

  /** Tokens for a text; zero for null or empty. */
  public static long of(CharSequence text) {
    return text == null ? 0 : ofChars(text.length());
  }
}
