package io.chorus.providers;

/** Which chat protocol a server speaks. */
public enum WireFormat {
  /** Anthropic Messages: {@code POST /v1/messages}. */
  ANTHROPIC,
  /** OpenAI Chat Completions: {@code POST /v1/chat/completions}. */
  OPENAI
}
