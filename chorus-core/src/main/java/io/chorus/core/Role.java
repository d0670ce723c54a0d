package io.chorus.core;

/**
 * Who wrote a {@link Message}. The system prompt is not a message; see {@link
 * ChatRequest#system()}.
 */
public enum Role {
  USER,
  ASSISTANT;

  /** The wire name used by both supported protocols: {@code user} or {@code assistant}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
