package io.chorus.core;

/** Why a model stopped writing, normalized across providers. */
public enum StopReason {
  /** The model finished its answer (Anthropic {@code end_turn}, OpenAI {@code stop}). */
  END_TURN,
  /** The answer hit max tokens (Anthropic {@code max_tokens}, OpenAI {@code length}). */
  MAX_TOKENS,
  /** A stop sequence was produced. */
  STOP_SEQUENCE,
  /** The model asked to call a tool. */
  TOOL_USE,
  /** The provider filtered the content or the model refused. */
  CONTENT_FILTER,
  /** The provider did not say, or said something this version does not know. */
  UNKNOWN
}
