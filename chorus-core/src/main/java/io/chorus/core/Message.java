package io.chorus.core;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role who wrote it
 * @param content its text, never null
 */
public record Message(Role role, String content) {
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }
}
