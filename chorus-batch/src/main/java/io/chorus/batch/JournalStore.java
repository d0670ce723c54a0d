package io.chorus.batch;

import io.chorus.batch.internal.SqliteJournalStore;
import io.chorus.core.ChatResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable storage of batch runs, the SPI a store implements (SQLite is built in, {@link #sqlite}; a
 * shared PostgreSQL store implements the same interface): responses keyed by {@link
 * io.chorus.core.ChatRequest#identity()} (the response cache), the input's items and the finished
 * items per batch, keyed by {@code custom_id} with a digest of their content, the output
 * checkpoint, and an exclusive lease per batch.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Durability.</b> Every mutating method is durable when it returns: the process killed
 *       right after loses nothing it wrote. A method that cannot make its write durable (disk full,
 *       connection lost) throws {@link JournalException} and has written nothing observable; the
 *       runner then stops admitting calls and keeps what it holds in a spill file.
 *   <li><b>Order.</b> The runner stores each response of an item with {@link #putResponse} before
 *       it calls {@link #finishItem}; a reader that sees the item sees its responses. {@link
 *       #finishItem} assigns {@link ItemRecord#seq}s that increase in the order of the calls (one
 *       batch is written by one lease holder at a time, so a per-batch or global sequence both do);
 *       {@link #forEachItem} returns items in that order.
 *   <li><b>Keys.</b> An item is identified by {@code (batchId, customId)}; {@link #finishItem} for
 *       an id already finished replaces its record (and gives it a new seq). {@link
 *       ItemRecord#content} is opaque to the store: the runner compares it to tell a changed item.
 *   <li><b>Thread-safety.</b> Implementations are thread-safe: the runner calls them from every
 *       task's thread at once.
 *   <li><b>Exclusivity.</b> {@link #lease} gives one holder at a time per batch. A shared store
 *       keeps the lease in a row with a holder and an expiry: taken when there is no row or the row
 *       has expired (PostgreSQL: {@code INSERT … ON CONFLICT DO UPDATE … WHERE expires_at < now()},
 *       or {@code SELECT … FOR UPDATE SKIP LOCKED} on the row), renewed by {@link BatchLease#renew}
 *       (the runner's heartbeat, at most every third of the time to live), and free once released
 *       or expired, so a killed holder blocks the batch for one time to live at most. The SQLite
 *       store also locks its file, so a second process on the same journal is refused outright.
 * </ul>
 *
 * <p>Batch ids are chosen by the caller ({@link BatchRunner#batchId}: from the output file's name
 * and the workflow, never from a path), at most 200 characters.
 */
public interface JournalStore extends AutoCloseable {

  /**
   * Opens (creating if needed) the embedded SQLite journal at {@code file}: checked with {@code
   * quick_check}, and locked for this process.
   *
   * @throws JournalException when it cannot be opened or is corrupt
   * @throws JournalLockedException when another process has it open
   */
  static JournalStore sqlite(Path file) {
    return SqliteJournalStore.open(file);
  }

  /** Registers the batch if new; returns what is known of it. */
  BatchState openBatch(String batchId, String input, String workflow);

  /**
   * Takes the batch's exclusive lease for {@code ttl}.
   *
   * @param holder who holds it, for the message another run gets (e.g. {@code pid 4242, started
   *     <time>})
   * @throws JournalLockedException naming the holder when another holder has a live lease
   */
  BatchLease lease(String batchId, String holder, Duration ttl);

  /**
   * Records the items of the input this run reads (replacing an earlier record), so that a later
   * run can tell which items changed, are new or are gone. Durable when it returns; an
   * implementation writes in chunks (a million items must not be one statement), and a failure part
   * way leaves the earlier record or the new one, never a mix (one transaction).
   */
  void replaceInput(String batchId, Iterator<ItemKey> items);

  /** The items recorded by the last {@link #replaceInput}, in the order given there, streamed. */
  void forEachInput(String batchId, Consumer<ItemKey> action);

  /**
   * Forgets the batch's finished items and its output checkpoint (its stored responses stay in the
   * cache).
   */
  void resetBatch(String batchId);

  /** Forgets every failed item of the batch (they run again); returns how many. */
  int forgetFailed(String batchId);

  /** Forgets one finished item (it runs again); does nothing when it is not finished. */
  void forgetItem(String batchId, String customId);

  /**
   * The stored response for a request identity.
   *
   * @param onlyBatch when not null, only a response stored by this batch (used with --no-cache)
   */
  Optional<ChatResponse> response(String identity, String onlyBatch);

  /** Stores a response under its request identity (replacing an older one). */
  void putResponse(String identity, String batchId, ChatResponse response);

  /** The finished item with this {@code custom_id}, if any. */
  Optional<ItemRecord> item(String batchId, String customId);

  /**
   * Marks an item finished, replacing an earlier record of the same {@code custom_id} (the record's
   * own {@code seq} is ignored); returns the {@link ItemRecord#seq} it was given.
   */
  long finishItem(String batchId, ItemRecord item);

  /**
   * Every finished item of the batch with {@code seq > afterSeq}, in seq order. Streams: an
   * implementation reads in pages and does not hold its lock while {@code action} runs.
   */
  void forEachItem(String batchId, long afterSeq, Consumer<ItemRecord> action);

  /**
   * Records that the output file holds every succeeded item up to {@code seq} (in seq order), in
   * its first {@code bytes} bytes: what a resumed run keeps of the file before it appends.
   */
  void checkpointOutput(String batchId, long seq, long bytes);

  /** Records that every item of the batch has finished. */
  void completeBatch(String batchId);

  /** Number of responses stored (all batches). */
  long responseCount();

  @Override
  void close();
}
