package io.chorus.core;

/**
 * Who wrote a {@link Message}. The system prompt is not a message; see {@link
 * ChatRequest#system()}.
 */
public enum Role {
  USER,
  ASSISTANT,
  /**
   * The result of a tool call ({@link Message#toolResult}): OpenAI's {@code tool} role, an
   * Anthropic user turn of {@code tool_result} blocks.
   */
  TOOL;

  /** The wire name: {@code user}, {@code assistant} or {@code tool} (OpenAI's roles). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
