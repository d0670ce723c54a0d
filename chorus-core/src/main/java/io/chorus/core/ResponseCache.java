package io.chorus.core;

import java.util.Optional;

/**
 * Stores responses by {@link ChatRequest#identity()} so that an identical request (same sample
 * index) is not paid for twice. Thread-safe; must not throw.
 */
public interface ResponseCache {

  /**
   * No cache (the engine's default): nothing answers from it and nothing is stored, so no request
   * identity is even computed.
   */
  ResponseCache NONE =
      new ResponseCache() {
        @Override
        public Optional<ChatResponse> get(String identity) {
          return Optional.empty();
        }

        @Override
        public void put(String identity, ChatResponse response) {}

        @Override
        public String toString() {
          return "ResponseCache.NONE";
        }
      };

  Optional<ChatResponse> get(String identity);

  void put(String identity, ChatResponse response);
}
