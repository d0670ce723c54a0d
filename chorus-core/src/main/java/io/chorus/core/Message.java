package io.chorus.core;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a conversation: a user's text, an assistant's answer (with the tool calls it made, if
 * any), or the result of one tool call ({@link Role#TOOL}).
 *
 * @param role who wrote it
 * @param content its text, never null (may be empty for an assistant turn of tool calls only)
 * @param toolCalls the tool calls of an assistant turn, else empty
 * @param toolCallId for {@link Role#TOOL}: the id of the {@link ToolCall} this answers; else null
 */
public record Message(
    Role role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("message: only an assistant turn carries tool calls");
    }
    if ((role == Role.TOOL) != (toolCallId != null)) {
      throw new IllegalArgumentException(
          "message: a tool result names its tool call id, and only a tool result does");
    }
  }

  /** A text turn of {@code role}. */
  public Message(Role role, String content) {
    this(role, content, List.of(), null);
  }

  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }

  /** An assistant turn that called tools (its text may be empty). */
  public static Message assistant(String content, List<ToolCall> toolCalls) {
    return new Message(Role.ASSISTANT, content, toolCalls, null);
  }

  /** The result of the tool call {@code toolCallId}, as the tool's text (often JSON). */
  public static Message toolResult(String toolCallId, String content) {
    return new Message(Role.TOOL, content, List.of(), Objects.requireNonNull(toolCallId));
  }
}
