package io.chorus.core;

import java.util.Objects;

/**
 * A model's request to call a {@link Tool}: in a {@link ChatResponse#toolCalls()} when the model
 * stopped with {@link StopReason#TOOL_USE}, and in the assistant {@link Message} that carries it
 * back in the conversation. The caller runs the tool and answers with {@link
 * Message#toolResult(String, String)} naming {@link #id()}.
 *
 * @param id the provider's id of this call (OpenAI {@code call_…}, Anthropic {@code toolu_…})
 * @param name the tool's name
 * @param argumentsJson the arguments as the model wrote them: a JSON object's text (for streams,
 *     all fragments joined); not validated against the tool's schema
 */
public record ToolCall(String id, String name, String argumentsJson) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
  }
}
