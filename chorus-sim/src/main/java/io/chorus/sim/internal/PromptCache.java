package io.chorus.sim.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Anthropic prompt caching. A prefix of system blocks ending at a block with {@code cache_control}
 * is a cache entry, keyed by model and the prefix text. The first request using a prefix writes it
 * (billed as {@code cache_creation_input_tokens}); the entry becomes readable only once that
 * request's response has begun, so requests arriving meanwhile write it too, as with the real API.
 * A readable entry lives for its TTL (5 minutes, or 1 hour for {@code "ttl": "1h"}), renewed by
 * each read. The longest readable prefix is read; the rest up to the last breakpoint is written.
 * Thread-safe.
 */
final class PromptCache {
  /** One system block: its tokens, and the TTL when it carries a cache breakpoint (else null). */
  record Block(String text, long tokens, Duration breakpointTtl) {}

  /** What a request reads and writes, and what to call when its response begins. */
  record Use(long readTokens, long writeTokens, Runnable onResponseBegun) {
    static final Use NONE = new Use(0, 0, () -> {});
  }

  private static final class Entry {
    long readableUntil; // nanoTime; 0 while only being written
    Duration ttl;
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final LongSupplier nanoTime;

  PromptCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  void reset() {
    entries.clear();
  }

  Use use(String model, List<Block> blocks, long minTokens) {
    StringBuilder prefix = new StringBuilder(model).append('\u0000');
    long tokens = 0;
    long readTokens = 0;
    long lastBreakpointTokens = 0;
    String lastKey = null;
    java.util.List<Entry> toWrite = new java.util.ArrayList<>();
    long now = nanoTime.getAsLong();
    lock.lock();
    try {
      for (Block b : blocks) {
        prefix.append(b.text()).append('\u0001');
        tokens += b.tokens();
        if (b.breakpointTtl() == null || tokens < minTokens) {
          continue;
        }
        String key = prefix.toString();
        Entry e = entries.get(key);
        if (e != null && e.readableUntil > now) {
          readTokens = tokens;
          e.readableUntil = now + e.ttl.toNanos();
        } else {
          if (e == null || e.readableUntil != 0) { // absent or expired: a new write
            e = new Entry();
            e.ttl = b.breakpointTtl();
            entries.put(key, e);
          }
          toWrite.add(e);
        }
        lastBreakpointTokens = tokens;
        lastKey = key;
      }
      if (lastKey == null || lastBreakpointTokens <= readTokens) {
        return readTokens == 0 ? Use.NONE : new Use(readTokens, 0, () -> {});
      }
      return new Use(
          readTokens, lastBreakpointTokens - readTokens, () -> toWrite.forEach(this::begun));
    } finally {
      lock.unlock();
    }
  }

  private void begun(Entry e) {
    lock.lock();
    try {
      long until = nanoTime.getAsLong() + e.ttl.toNanos();
      if (until > e.readableUntil) {
        e.readableUntil = until;
      }
    } finally {
      lock.unlock();
    }
  }
}
