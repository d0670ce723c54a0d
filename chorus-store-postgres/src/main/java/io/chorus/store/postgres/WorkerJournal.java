package io.chorus.store.postgres;

import io.chorus.batch.BatchLease;
import io.chorus.batch.BatchState;
import io.chorus.batch.ItemKey;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalStore;
import io.chorus.batch.internal.Spill;
import io.chorus.core.ChatResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The journal a {@link Worker} writes through: the store's journal with every operation carried
 * through an outage ({@link StoreOutage}: retried with backoff until the deadline), and a paid
 * response or a finished item the store still cannot take after the deadline written to the spill
 * file instead (forced to disk before the call returns). So a response received while PostgreSQL is
 * down is never lost: it reaches the store when the store is back within the deadline, or the spill
 * file otherwise, which the next worker (or {@code chorus batch --resume}) imports.
 *
 * <p>Thread-safe; closing it closes the spill file, not the store.
 */
final class WorkerJournal implements JournalStore {

  private final JournalStore store;
  private final StoreOutage outage;
  private final Spill spill;
  private final AtomicInteger spilled = new AtomicInteger();

  WorkerJournal(JournalStore store, StoreOutage outage, Spill spill) {
    this.store = store;
    this.outage = outage;
    this.spill = spill;
  }

  /** Responses and items this journal wrote to the spill file. */
  int spilled() {
    return spilled.get();
  }

  long lost() {
    return spill.lost();
  }

  @Override
  public void putResponse(String identity, String batchId, ChatResponse response) {
    try {
      outage.call(
          () -> {
            store.putResponse(identity, batchId, response);
            return null;
          });
    } catch (JournalException e) {
      spill.response(identity, batchId, response);
      spilled.incrementAndGet();
    }
  }

  /** Returns the item's seq, or 0 when it went to the spill file. */
  @Override
  public long finishItem(String batchId, ItemRecord item) {
    try {
      return outage.call(() -> store.finishItem(batchId, item));
    } catch (JournalException e) {
      spill.item(batchId, item);
      spilled.incrementAndGet();
      return 0;
    }
  }

  @Override
  public Optional<ChatResponse> response(String identity, String onlyBatch) {
    return outage.call(() -> store.response(identity, onlyBatch));
  }

  @Override
  public BatchState openBatch(String batchId, String input, String workflow) {
    return outage.call(() -> store.openBatch(batchId, input, workflow));
  }

  @Override
  public BatchLease lease(String batchId, String holder, Duration ttl) {
    return outage.call(() -> store.lease(batchId, holder, ttl));
  }

  @Override
  public void replaceInput(String batchId, Iterator<ItemKey> items) {
    // not retried: the iterator is consumed by the first attempt
    store.replaceInput(batchId, items);
  }

  @Override
  public void forEachInput(String batchId, Consumer<ItemKey> action) {
    store.forEachInput(batchId, action); // not retried: the action may have seen some items
  }

  @Override
  public void resetBatch(String batchId) {
    outage.call(
        () -> {
          store.resetBatch(batchId);
          return null;
        });
  }

  @Override
  public int forgetFailed(String batchId) {
    return outage.call(() -> store.forgetFailed(batchId));
  }

  @Override
  public void forgetItem(String batchId, String customId) {
    outage.call(
        () -> {
          store.forgetItem(batchId, customId);
          return null;
        });
  }

  @Override
  public Optional<ItemRecord> item(String batchId, String customId) {
    return outage.call(() -> store.item(batchId, customId));
  }

  @Override
  public void forEachItem(String batchId, long afterSeq, Consumer<ItemRecord> action) {
    store.forEachItem(batchId, afterSeq, action); // not retried: the action may have seen some
  }

  @Override
  public void checkpointOutput(String batchId, long seq, long bytes) {
    outage.call(
        () -> {
          store.checkpointOutput(batchId, seq, bytes);
          return null;
        });
  }

  @Override
  public void completeBatch(String batchId) {
    outage.call(
        () -> {
          store.completeBatch(batchId);
          return null;
        });
  }

  @Override
  public long responseCount() {
    return outage.call(store::responseCount);
  }

  @Override
  public void close() {
    spill.close();
    store.close();
  }
}
