package io.chorus.sim.internal;

/**
 * The decided answer to one request, before it is rendered in a protocol.
 *
 * @param text the visible answer
 * @param reasoning reasoning text (OpenAI-protocol {@code reasoning_content}), or null
 * @param stop why the answer ended
 * @param stopSequence the stop sequence that ended it, or null
 * @param toolCalls the tool calls it makes ({@link Stop#TOOL_USE}), else empty
 */
record Answer(
    String text, String reasoning, Stop stop, String stopSequence, java.util.List<Call> toolCalls) {
  enum Stop {
    END,
    MAX_TOKENS,
    STOP_SEQUENCE,
    TOOL_USE
  }

  /**
   * One tool call.
   *
   * @param idSuffix the id after the protocol's prefix ({@code call_}, {@code toolu_})
   * @param name the tool
   * @param argumentsJson the arguments object's JSON text
   */
  record Call(String idSuffix, String name, String argumentsJson) {}

  Answer(String text, String reasoning, Stop stop, String stopSequence) {
    this(text, reasoning, stop, stopSequence, java.util.List.of());
  }

  long outputTokens() {
    long tokens = io.chorus.core.TokenEstimate.of(text);
    for (Call c : toolCalls) {
      tokens += io.chorus.core.TokenEstimate.of(c.name() + c.argumentsJson());
    }
    return tokens;
  }

  long reasoningTokens() {
    return reasoning == null ? 0 : io.chorus.core.TokenEstimate.of(reasoning);
  }
}
