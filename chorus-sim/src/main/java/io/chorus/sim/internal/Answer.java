package io.chorus.sim.internal;

/**
 * The decided answer to one request, before it is rendered in a protocol.
 *
 * @param text the visible answer
 * @param reasoning reasoning text (OpenAI-protocol {@code reasoning_content}), or null
 * @param stop why the answer ended
 * @param stopSequence the stop sequence that ended it, or null
 */
record Answer(String text, String reasoning, Stop stop, String stopSequence) {
  enum Stop {
    END,
    MAX_TOKENS,
    STOP_SEQUENCE
  }

  long outputTokens() {
    return io.chorus.core.TokenEstimate.of(text);
  }

  long reasoningTokens() {
    return reasoning == null ? 0 : io.chorus.core.TokenEstimate.of(reasoning);
  }
}
