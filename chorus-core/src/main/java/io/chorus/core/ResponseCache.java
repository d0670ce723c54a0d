package io.chorus.core;

import java.util.Optional;

/**
 * Stores responses by {@link ChatRequest#identity()} so that an identical request (same sample
 * index) is not paid for twice. Thread-safe; must not throw.
 */
public interface ResponseCache {

  Optional<ChatResponse> get(String identity);

  void put(String identity, ChatResponse response);
}
