package io.chorus.batch;

import io.chorus.core.ChatResponse;
import io.chorus.core.ResponseCache;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's {@link ResponseCache} backed by a {@link JournalStore}: every response the engine
 * stores is durable before the engine's call returns, so an item marked finished afterwards never
 * needs paying for again. With {@code shareAcrossBatches} false (--no-cache), only responses stored
 * by this batch answer (what --resume needs), never those of other runs.
 *
 * <h2>When the journal fails</h2>
 *
 * A store that fails ({@link JournalException}: disk full, I/O error) is retried twice, 50 ms and
 * 500 ms later; a response it still cannot take goes to the {@link Failures} handler the {@link
 * BatchRunner} installs, which writes it to the spill file and stops the run admitting calls. A
 * failed read answers as a miss (the call is paid again rather than lost) and is reported the same
 * way. Failures are never silent: {@link #errors} counts them and {@link #firstError} names the
 * cause; without a handler they are only counted, so a caller outside a {@link BatchRunner} must
 * read them.
 *
 * <p>Thread-safe; never throws.
 */
public final class JournalResponseCache implements ResponseCache {

  /** What a {@link BatchRunner} does with a response the journal could not take. */
  interface Failures {
    /**
     * @param response the response to keep elsewhere, or null when a read failed
     */
    void failed(String identity, ChatResponse response, RuntimeException cause);
  }

  private static final Duration[] BACKOFF = {Duration.ofMillis(50), Duration.ofMillis(500)};

  private final JournalStore store;
  private final String batchId;
  private final boolean shareAcrossBatches;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private volatile Failures failures;

  public JournalResponseCache(JournalStore store, String batchId, boolean shareAcrossBatches) {
    this.store = store;
    this.batchId = batchId;
    this.shareAcrossBatches = shareAcrossBatches;
  }

  void onFailure(Failures handler) {
    this.failures = handler;
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
      failed(identity, null, e);
      return Optional.empty();
    }
  }

  @Override
  public void put(String identity, ChatResponse response) {
    RuntimeException last = null;
    for (int attempt = 0; attempt <= BACKOFF.length; attempt++) {
      try {
        store.putResponse(identity, batchId, response);
        return;
      } catch (RuntimeException e) {
        last = e;
        if (attempt < BACKOFF.length && !pause(BACKOFF[attempt])) {
          break;
        }
      }
    }
    failed(identity, response, last);
  }

  private void failed(String identity, ChatResponse response, RuntimeException cause) {
    errors.incrementAndGet();
    firstError.compareAndSet(
        null, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    Failures f = failures;
    if (f != null) {
      f.failed(identity, response, cause);
    }
  }

  /** Sleeps; false when interrupted (the run is being cancelled: stop retrying). */
  static boolean pause(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public long hits() {
    return hits.get();
  }

  /** Reads and writes the journal failed (after retries), since this cache was made. */
  public long errors() {
    return errors.get();
  }

  /** The first failure's message (the cause), or null when none failed. */
  public String firstError() {
    return firstError.get();
  }
}
