package io.chorus.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ResponseCache} in memory, keeping the {@code maxEntries} most recently used responses.
 * Keys are {@link ChatRequest#identity()}, so samples with different {@link
 * ChatRequest#sampleIndex()} never share an answer.
 *
 * <p>Thread-safe.
 */
public final class InMemoryResponseCache implements ResponseCache {
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, ChatResponse> entries;
  private final int maxEntries;
  private long hits;
  private long misses;

  /** A cache of at most {@code maxEntries} responses; the least recently used go first. */
  public InMemoryResponseCache(int maxEntries) {
    this.maxEntries = Checks.positive("cache.maxEntries", maxEntries);
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, ChatResponse> eldest) {
            return size() > InMemoryResponseCache.this.maxEntries;
          }
        };
  }

  @Override
  public Optional<ChatResponse> get(String identity) {
    lock.lock();
    try {
      ChatResponse r = entries.get(identity);
      if (r == null) {
        misses++;
      } else {
        hits++;
      }
      return Optional.ofNullable(r);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(String identity, ChatResponse response) {
    lock.lock();
    try {
      entries.put(identity, response);
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  public long hits() {
    lock.lock();
    try {
      return hits;
    } finally {
      lock.unlock();
    }
  }

  public long misses() {
    lock.lock();
    try {
      return misses;
    } finally {
      lock.unlock();
    }
  }
}
