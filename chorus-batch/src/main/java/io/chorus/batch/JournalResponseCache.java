package io.chorus.batch;

import io.chorus.core.ChatResponse;
import io.chorus.core.ResponseCache;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's {@link ResponseCache} backed by a {@link JournalStore}: every response the engine
 * stores is durable before the engine's call returns, so an item marked finished afterwards never
 * needs paying for again. With {@code shareAcrossBatches} false (--no-cache), only responses stored
 * by this batch answer (what --resume needs), never those of other runs.
 *
 * <p>Thread-safe; never throws (a journal failure reads as a miss and is counted).
 */
public final class JournalResponseCache implements ResponseCache {

  private final JournalStore store;
  private final String batchId;
  private final boolean shareAcrossBatches;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  public JournalResponseCache(JournalStore store, String batchId, boolean shareAcrossBatches) {
    this.store = store;
    this.batchId = batchId;
    this.shareAcrossBatches = shareAcrossBatches;
  }

  @Override
  public Optional<ChatResponse> get(String identity) {
    try {
      Optional<ChatResponse> r = store.response(identity, shareAcrossBatches ? null : batchId);
      if (r.isPresent()) {
        hits.incrementAndGet();
      }
      return r;
    } catch (RuntimeException e) {
      errors.incrementAndGet();
      return Optional.empty();
    }
  }

  @Override
  public void put(String identity, ChatResponse response) {
    try {
      store.putResponse(identity, batchId, response);
    } catch (RuntimeException e) {
      errors.incrementAndGet();
    }
  }

  public long hits() {
    return hits.get();
  }

  public long errors() {
    return errors.get();
  }
}
