package io.chorus.core;

import java.util.List;

/**
 * Where calls that failed for good go. The engine always keeps them in memory ({@link
 * Engine#deadLetters()}); a sink adds durable storage such as a JSONL file.
 *
 * <p>Implementations are thread-safe, fast, and must not throw.
 */
@FunctionalInterface
public interface DeadLetterSink {
  void accept(DeadLetter letter);

  /** Discards letters. */
  DeadLetterSink NONE = letter -> {};

  /** Keeps nothing but exposes what was kept, for sinks that remember. */
  default List<DeadLetter> snapshot() {
    return List.of();
  }
}
