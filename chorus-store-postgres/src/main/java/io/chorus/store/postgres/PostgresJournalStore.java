package io.chorus.store.postgres;

import io.chorus.batch.BatchLease;
import io.chorus.batch.BatchState;
import io.chorus.batch.ItemKey;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalLockedException;
import io.chorus.batch.JournalStore;
import io.chorus.batch.internal.ResponseCodec;
import io.chorus.core.ChatResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The batch journal on PostgreSQL: the tables, keys and semantics of the embedded SQLite journal
 * (see {@link JournalStore}), shared by every process on the same store. Each method is one
 * auto-committed statement or one transaction, durable when it returns ({@code synchronous_commit}
 * as the server is configured; on by default).
 *
 * <p>Unlike the SQLite journal it takes no process lock: several processes may open the same store
 * (that is the point). A batch {@link #lease} is a row with a holder, a random token and an expiry,
 * taken by an upsert that succeeds only over an expired row, so one live holder exists per batch
 * whatever the number of machines; a killed holder's lease frees itself after one time to live.
 * Expiry is the server's clock ({@code now()}), so workers' clocks need not agree.
 *
 * <p>Thread-safe: each call takes its own pooled connection.
 */
final class PostgresJournalStore implements JournalStore {

  private static final int PAGE = 1000;

  private final PostgresStore store;
  private final boolean closeStore;

  PostgresJournalStore(PostgresStore store, boolean closeStore) {
    this.store = store;
    this.closeStore = closeStore;
  }

  @Override
  public BatchState openBatch(String batchId, String input, String workflow) {
    return store.one(
        "opening batch " + batchId,
        c -> {
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO batches(batch_id, input, workflow) VALUES (?, ?, ?) ON CONFLICT (batch_id) DO NOTHING")) {
            ins.setString(1, batchId);
            ins.setString(2, input);
            ins.setString(3, workflow);
            if (ins.executeUpdate() == 1) {
              return new BatchState(false, 0, false, input, 0, 0);
            }
          }
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT b.input, b.completed_at IS NOT NULL, b.out_seq, b.out_bytes,"
                      + " (SELECT COUNT(*) FROM batch_items i WHERE i.batch_id = b.batch_id) FROM batches b WHERE b.batch_id = ?")) {
            q.setString(1, batchId);
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              return new BatchState(
                  true,
                  rs.getInt(5),
                  rs.getBoolean(2),
                  rs.getString(1),
                  rs.getLong(3),
                  rs.getLong(4));
            }
          }
        });
  }

  @Override
  public BatchLease lease(String batchId, String holder, Duration ttl) {
    String token = UUID.randomUUID().toString();
    double seconds = ttl.toMillis() / 1000.0;
    boolean taken =
        store.one(
            "leasing batch " + batchId,
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement(
                      "INSERT INTO leases(batch_id, holder, token, expires_at) VALUES (?, ?, ?, now() + make_interval(secs => ?))"
                          + " ON CONFLICT (batch_id) DO UPDATE SET holder = EXCLUDED.holder, token = EXCLUDED.token,"
                          + " expires_at = EXCLUDED.expires_at WHERE leases.expires_at < now()")) {
                p.setString(1, batchId);
                p.setString(2, holder);
                p.setString(3, token);
                p.setDouble(4, seconds);
                return p.executeUpdate() == 1;
              }
            });
    if (!taken) {
      String other =
          store.one(
              "reading a lease",
              c -> {
                try (PreparedStatement q =
                    c.prepareStatement(
                        "SELECT holder, expires_at FROM leases WHERE batch_id = ?")) {
                  q.setString(1, batchId);
                  try (ResultSet rs = q.executeQuery()) {
                    return rs.next()
                        ? rs.getString(1) + ", lease until " + rs.getTimestamp(2).toInstant()
                        : "holder unknown";
                  }
                }
              });
      throw new JournalLockedException(
          "the batch "
              + batchId
              + " in "
              + store.location().display()
              + " is being run by another run ("
              + other
              + "); wait for it to end");
    }
    return new BatchLease() {
      private volatile boolean closed;

      @Override
      public void renew() {
        int n =
            store.one(
                "renewing the lease of batch " + batchId,
                c ->
                    PostgresStore.update(
                        c,
                        "UPDATE leases SET expires_at = now() + make_interval(secs => ?) WHERE batch_id = ? AND token = ?",
                        seconds,
                        batchId,
                        token));
        if (n == 0) {
          throw new JournalLockedException(
              "the lease of batch "
                  + batchId
                  + " in "
                  + store.location().display()
                  + " was lost (it expired and another run took it)");
        }
      }

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        try {
          store.one(
              "releasing a lease",
              c ->
                  PostgresStore.update(
                      c, "DELETE FROM leases WHERE batch_id = ? AND token = ?", batchId, token));
        } catch (JournalException e) {
          // the store failed: the lease expires by itself
        }
      }
    };
  }

  @Override
  public void replaceInput(String batchId, Iterator<ItemKey> items) {
    store.tx(
        "recording the input of batch " + batchId,
        c -> {
          PostgresStore.update(c, "DELETE FROM batch_input WHERE batch_id = ?", batchId);
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO batch_input(batch_id, ord, custom_id, content) VALUES (?, ?, ?, ?)")) {
            long ord = 0;
            while (items.hasNext()) {
              ItemKey k = items.next();
              p.setString(1, batchId);
              p.setLong(2, ord++);
              p.setString(3, k.customId());
              p.setString(4, k.content());
              p.addBatch();
              if (ord % PAGE == 0) {
                p.executeBatch();
              }
            }
            p.executeBatch();
          }
          return null;
        });
  }

  @Override
  public void forEachInput(String batchId, Consumer<ItemKey> action) {
    paged(
        "SELECT ord, custom_id, content FROM batch_input WHERE batch_id = ? AND ord > ? ORDER BY ord",
        batchId,
        -1,
        rs -> new ItemKey(rs.getString(2), rs.getString(3)),
        action);
  }

  @Override
  public void resetBatch(String batchId) {
    store.tx(
        "resetting batch " + batchId,
        c -> {
          PostgresStore.update(c, "DELETE FROM batch_items WHERE batch_id = ?", batchId);
          PostgresStore.update(
              c,
              "UPDATE batches SET completed_at = NULL, out_seq = 0, out_bytes = 0 WHERE batch_id = ?",
              batchId);
          return null;
        });
  }

  @Override
  public int forgetFailed(String batchId) {
    return store.one(
        "forgetting failed items",
        c ->
            PostgresStore.update(
                c, "DELETE FROM batch_items WHERE batch_id = ? AND status = 'FAILED'", batchId));
  }

  @Override
  public void forgetItem(String batchId, String customId) {
    store.one(
        "forgetting an item",
        c ->
            PostgresStore.update(
                c,
                "DELETE FROM batch_items WHERE batch_id = ? AND custom_id = ?",
                batchId,
                customId));
  }

  @Override
  public Optional<ChatResponse> response(String identity, String onlyBatch) {
    String sql =
        onlyBatch == null
            ? "SELECT response FROM responses WHERE identity = ?"
            : "SELECT response FROM responses WHERE identity = ? AND batch_id = ?";
    return store.one(
        "reading a stored response",
        c -> {
          try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, identity);
            if (onlyBatch != null) {
              q.setString(2, onlyBatch);
            }
            try (ResultSet rs = q.executeQuery()) {
              return rs.next()
                  ? Optional.of(ResponseCodec.decode(rs.getString(1)))
                  : Optional.<ChatResponse>empty();
            }
          }
        });
  }

  @Override
  public void putResponse(String identity, String batchId, ChatResponse response) {
    String json = ResponseCodec.encode(response);
    store.one(
        "storing a response",
        c ->
            PostgresStore.update(
                c,
                "INSERT INTO responses(identity, batch_id, response, stored_at) VALUES (?, ?, ?, now())"
                    + " ON CONFLICT (identity) DO UPDATE SET batch_id = EXCLUDED.batch_id, response = EXCLUDED.response, stored_at = now()",
                identity,
                batchId,
                json));
  }

  @Override
  public Optional<ItemRecord> item(String batchId, String customId) {
    return store.one(
        "reading an item",
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT seq, line, custom_id, content, status, json FROM batch_items WHERE batch_id = ? AND custom_id = ?")) {
            q.setString(1, batchId);
            q.setString(2, customId);
            try (ResultSet rs = q.executeQuery()) {
              return rs.next() ? Optional.of(record(rs)) : Optional.<ItemRecord>empty();
            }
          }
        });
  }

  static ItemRecord record(ResultSet rs) throws SQLException {
    return new ItemRecord(
        rs.getLong(1),
        rs.getInt(2),
        rs.getString(3),
        rs.getString(4),
        ItemStatus.valueOf(rs.getString(5)),
        rs.getString(6));
  }

  @Override
  public long finishItem(String batchId, ItemRecord item) {
    return store.one(
        "finishing an item",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  // the shared queue's row (if the batch has one) finished in the same statement:
                  // an item is recorded and marked done atomically, also when imported from a spill
                  "WITH queued AS (UPDATE work_items SET state = ?, lease_until = NULL, finished_at = now()"
                      + " WHERE batch_id = ? AND custom_id = ?)"
                      + " INSERT INTO batch_items(batch_id, custom_id, content, line, status, json) VALUES (?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (batch_id, custom_id) DO UPDATE SET seq = nextval(pg_get_serial_sequence('batch_items', 'seq')),"
                      + " content = EXCLUDED.content, line = EXCLUDED.line, status = EXCLUDED.status, json = EXCLUDED.json,"
                      + " finished_at = now() RETURNING seq")) {
            p.setString(1, item.status() == ItemStatus.SUCCEEDED ? "done" : "failed");
            p.setString(2, batchId);
            p.setString(3, item.customId());
            p.setString(4, batchId);
            p.setString(5, item.customId());
            p.setString(6, item.content());
            p.setInt(7, item.line());
            p.setString(8, item.status().name());
            p.setString(9, item.json());
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public void forEachItem(String batchId, long afterSeq, Consumer<ItemRecord> action) {
    paged(
        "SELECT seq, line, custom_id, content, status, json FROM batch_items WHERE batch_id = ? AND seq > ? ORDER BY seq",
        batchId,
        afterSeq,
        PostgresJournalStore::record,
        action);
  }

  @Override
  public void checkpointOutput(String batchId, long seq, long bytes) {
    store.one(
        "checkpointing the output",
        c ->
            PostgresStore.update(
                c,
                "UPDATE batches SET out_seq = ?, out_bytes = ? WHERE batch_id = ?",
                seq,
                bytes,
                batchId));
  }

  @Override
  public void completeBatch(String batchId) {
    store.one(
        "completing the batch",
        c ->
            PostgresStore.update(
                c, "UPDATE batches SET completed_at = now() WHERE batch_id = ?", batchId));
  }

  @Override
  public long responseCount() {
    return store.one(
        "counting responses",
        c -> {
          try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM responses");
              ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public void close() {
    if (closeStore) {
      store.close();
    }
  }

  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * Runs {@code sql} (with {@code batch_id = ?} and a key {@code > ?} in its first column, ordered
   * by it) in pages of {@value #PAGE}, so that no connection is held while the caller writes files.
   */
  private <T> void paged(String sql, String batchId, long after, Row<T> row, Consumer<T> action) {
    long from = after;
    while (true) {
      long start = from;
      long[] last = {from};
      List<T> page =
          store.one(
              "reading batch " + batchId,
              c -> {
                List<T> out = new ArrayList<>(PAGE);
                try (PreparedStatement q = c.prepareStatement(sql + " LIMIT " + PAGE)) {
                  q.setString(1, batchId);
                  q.setLong(2, start);
                  try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                      last[0] = rs.getLong(1);
                      out.add(row.read(rs));
                    }
                  }
                }
                return out;
              });
      page.forEach(action);
      if (page.size() < PAGE) {
        return;
      }
      from = last[0];
    }
  }
}
