package io.chorus.core;

/**
 * Receives a streaming answer as it arrives. Called on the calling thread, in order; must be fast
 * and must not throw.
 */
@FunctionalInterface
public interface StreamObserver {

  /** A piece of answer text. The first call marks the time to first token. */
  void onText(String delta);

  /** A piece of separately returned reasoning text (xAI {@code reasoning_content}). */
  default void onReasoning(String delta) {}

  /** Discards everything. */
  StreamObserver NONE = delta -> {};
}
