package io.chorus.sim.internal;

import io.chorus.core.TokenEstimate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * OpenAI's automatic prompt caching: a prompt of at least {@link #MIN_TOKENS} tokens is cached as a
 * whole; a later prompt that starts the same way reads the shared start, counted in steps of {@link
 * #STEP_TOKENS} tokens from the first {@link #MIN_TOKENS} (reported as {@code
 * prompt_tokens_details.cached_tokens}, billed at the model's cached-input price; writes cost
 * nothing extra). As with Anthropic's cache, a prompt is readable only once the response that
 * cached it has begun, so calls sent together all miss. Entries are scoped by model and {@code
 * prompt_cache_key} (calls without a key share one scope), live {@link #TTL_NANOS} after their last
 * use, and at most {@link #PER_SCOPE} are kept per scope. Thread-safe.
 */
final class AutomaticPrefixCache {
  static final long MIN_TOKENS = 1024;
  static final long STEP_TOKENS = 128;
  static final long TTL_NANOS = TimeUnit.MINUTES.toNanos(5);
  static final int PER_SCOPE = 64;

  private static final class Entry {
    final String prompt;
    long readableUntil;

    Entry(String prompt) {
      this.prompt = prompt;
    }
  }

  /** What a request reads, and what to call when its response begins. */
  record Use(long readTokens, Runnable onResponseBegun) {}

  private final Map<String, Deque<Entry>> scopes = new HashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final LongSupplier nanoTime;

  AutomaticPrefixCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  void reset() {
    lock.lock();
    try {
      scopes.clear();
    } finally {
      lock.unlock();
    }
  }

  Use use(String model, String cacheKey, String prompt, long inputTokens) {
    String scope = model + '\u0000' + (cacheKey == null ? "" : cacheKey);
    long now = nanoTime.getAsLong();
    long best = 0;
    lock.lock();
    try {
      Deque<Entry> entries = scopes.computeIfAbsent(scope, k -> new ArrayDeque<>());
      Entry hit = null;
      for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.readableUntil != 0 && e.readableUntil - now <= 0) {
          it.remove(); // expired
          continue;
        }
        if (e.readableUntil != 0) {
          long shared = sharedChars(e.prompt, prompt);
          if (shared > best) {
            best = shared;
            hit = e;
          }
        }
      }
      long tokens = Math.min(TokenEstimate.ofChars(best), inputTokens);
      long read =
          tokens < MIN_TOKENS ? 0 : MIN_TOKENS + (tokens - MIN_TOKENS) / STEP_TOKENS * STEP_TOKENS;
      if (hit != null && read > 0) {
        hit.readableUntil = now + TTL_NANOS;
      }
      if (inputTokens < MIN_TOKENS) {
        return new Use(read, () -> {});
      }
      Entry mine = new Entry(prompt);
      entries.addLast(mine);
      while (entries.size() > PER_SCOPE) {
        entries.removeFirst();
      }
      return new Use(read, () -> begun(mine));
    } finally {
      lock.unlock();
    }
  }

  private void begun(Entry e) {
    lock.lock();
    try {
      e.readableUntil = nanoTime.getAsLong() + TTL_NANOS;
    } finally {
      lock.unlock();
    }
  }

  private static long sharedChars(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }
}
