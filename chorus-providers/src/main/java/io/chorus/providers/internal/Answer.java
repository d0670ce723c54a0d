package io.chorus.providers.internal;

import io.chorus.core.StopReason;
import io.chorus.core.ToolCall;
import io.chorus.core.Usage;
import java.util.List;

/**
 * A decoded answer, before timing and headers are attached.
 *
 * @param text the answer text
 * @param reasoning separately returned reasoning, or null
 * @param stopReason why the model stopped
 * @param usage tokens used
 * @param toolCalls the tool calls the model made, in order, else empty
 */
public record Answer(
    String text, String reasoning, StopReason stopReason, Usage usage, List<ToolCall> toolCalls) {

  public Answer {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** An answer without tool calls. */
  public Answer(String text, String reasoning, StopReason stopReason, Usage usage) {
    this(text, reasoning, stopReason, usage, List.of());
  }
}
