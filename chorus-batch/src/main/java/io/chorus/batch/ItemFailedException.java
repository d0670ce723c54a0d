package io.chorus.batch;

/**
 * A batch item failed for good (after the engine's retries and fallbacks); it goes to the dead
 * letters.
 */
public final class ItemFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String errorKind;
  private final int attempts;

  public ItemFailedException(String errorKind, String message, int attempts) {
    super(message);
    this.errorKind = errorKind;
    this.attempts = attempts;
  }

  public String errorKind() {
    return errorKind;
  }

  public int attempts() {
    return attempts;
  }
}
