package io.chorus.core;

/**
 * Receives a streaming answer as it arrives. Called on the calling thread, in order; must be fast.
 *
 * <p>When an attempt that already delivered text fails and the engine tries again (a retry, or a
 * fallback to the next model of the chain), {@link #onRestart} says so before the new attempt
 * starts: the text delivered so far is void, and the next {@link #onText} begins the answer anew.
 * The final response holds only the successful attempt's text.
 *
 * <p>An exception thrown by the observer fails its call as the caller's error ({@link
 * ProviderError.CallerError}, kind {@code caller_error}): the stream is abandoned, the call is not
 * retried and does not fall back, and it never counts toward a circuit breaker.
 */
@FunctionalInterface
public interface StreamObserver {

  /** A piece of answer text. The first call marks the time to first token. */
  void onText(String delta);

  /** A piece of separately returned reasoning text (xAI {@code reasoning_content}). */
  default void onReasoning(String delta) {}

  /**
   * The text delivered so far is void: a new attempt starts the answer from its beginning. Called
   * only when an earlier attempt of the call delivered text or reasoning.
   *
   * @param reason why, for a notice: {@code retry 2 after server_error: upstream 503} or {@code
   *     fallback to anthropic:claude-haiku-4-5 after timeout: ...}
   */
  default void onRestart(String reason) {}

  /** Discards everything. */
  StreamObserver NONE = delta -> {};
}
