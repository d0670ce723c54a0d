package io.chorus.core;

/**
 * The SPI a model provider implements: one blocking call and one streaming call. The engine runs
 * every call on its own virtual thread, so blocking is cheap; implementations must not pin the
 * carrier thread (no {@code synchronized} around I/O).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>A call either returns a {@link ChatResponse} or throws a {@link ProviderException} whose
 *       {@link ProviderError} classifies the failure. Any other runtime exception is a bug and the
 *       engine reports it as {@link ProviderError.MalformedResponse}.
 *   <li><b>Cancellation</b>: when the calling thread is interrupted, the implementation aborts the
 *       transport call promptly (closing the connection so the server sees it) and throws {@link
 *       InterruptedException}.
 *   <li><b>Timeouts</b>: the implementation enforces {@link CallContext#attemptTimeout()}, and for
 *       streams {@link CallContext#firstTokenTimeout()} and {@link CallContext#idleTimeout()},
 *       throwing {@link ProviderError.Timeout} with the phase that fired.
 *   <li>Secrets (API keys) never appear in exceptions, logs or {@code toString()}.
 * </ul>
 *
 * <p>Implementations are thread-safe: the engine calls them from many threads at once.
 */
public interface Provider extends AutoCloseable {

  /** The provider name used in {@link ModelId#provider()}, e.g. {@code anthropic}. */
  String name();

  /** Sends the request and waits for the whole answer. */
  ChatResponse call(ChatRequest request, CallContext context) throws InterruptedException;

  /**
   * Sends the request as a stream, passing text deltas to {@code observer} as they arrive, and
   * returns the whole answer at the end.
   */
  ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer)
      throws InterruptedException;

  /** Whether answers from this provider are synthetic (the simulator). */
  default boolean synthetic() {
    return false;
  }

  /** Releases connections and threads. Idempotent. */
  @Override
  default void close() {}
}
