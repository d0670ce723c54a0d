package io.chorus.batch;

import io.chorus.batch.internal.SqliteJournalStore;
import io.chorus.core.ChatResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable storage of batch runs: responses keyed by {@link io.chorus.core.ChatRequest#identity()}
 * (the response cache) and finished items per batch. The contract that makes {@code --resume} safe:
 * a caller stores every response of an item with {@link #putResponse} before {@link #finishItem};
 * each method is durable when it returns (a crash right after loses nothing it wrote).
 *
 * <p>Implementations are thread-safe. {@link #sqlite} opens the embedded one; a shared
 * PostgreSQL store can implement the same interface.
 */
public interface JournalStore extends AutoCloseable {

  /**
   * Opens (creating if needed) the embedded SQLite journal at {@code file}.
   *
   * @throws JournalException when it cannot be opened
   */
  static JournalStore sqlite(Path file) {
    return SqliteJournalStore.open(file);
  }

  /** Registers the batch if new; returns what is known of it. */
  BatchState openBatch(String batchId, String input, String workflow);

  /** Forgets the batch's finished items (its stored responses stay in the cache). */
  void resetBatch(String batchId);

  /** Forgets the batch's failed items, so that they run again; returns how many. */
  int forgetFailed(String batchId);

  /**
   * The stored response for a request identity.
   *
   * @param onlyBatch when not null, only a response stored by this batch (used with --no-cache)
   */
  Optional<ChatResponse> response(String identity, String onlyBatch);

  /** Stores a response under its request identity (replacing an older one). */
  void putResponse(String identity, String batchId, ChatResponse response);

  /** Line numbers of the batch's finished items. */
  Set<Integer> finishedLines(String batchId);

  /** Marks an item finished, once: a second call for the same line keeps the first record. */
  void finishItem(String batchId, ItemRecord item);

  /** Every finished item of the batch, by line number. */
  List<ItemRecord> items(String batchId);

  /** Records that every item of the batch has finished. */
  void completeBatch(String batchId);

  /** Number of responses stored (all batches). */
  long responseCount();

  @Override
  void close();
}
