package io.chorus.batch.internal;

import io.chorus.batch.BatchState;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalStore;
import io.chorus.core.ChatResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link JournalStore} in an embedded SQLite database file, in WAL mode with {@code synchronous
 * = NORMAL}: every committed write survives the process being killed (not a power cut, which
 * {@code FULL} would also cover at the cost of an fsync per write). Each method is one
 * auto-committed statement or transaction.
 *
 * <p>One connection, guarded by a lock (SQLite serializes writers anyway); thread-safe.
 */
public final class SqliteJournalStore implements JournalStore {

  private final Connection db;
  private final ReentrantLock lock = new ReentrantLock();

  private SqliteJournalStore(Connection db) {
    this.db = db;
  }

  /** Opens (creating if needed) the journal at {@code file}. */
  public static SqliteJournalStore open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("CREATE TABLE IF NOT EXISTS responses(identity TEXT PRIMARY KEY, batch_id TEXT, response TEXT NOT NULL, stored_at TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS batches(batch_id TEXT PRIMARY KEY, input TEXT, workflow TEXT, created_at TEXT NOT NULL, completed_at TEXT)");
        s.execute("CREATE TABLE IF NOT EXISTS items(batch_id TEXT NOT NULL, line INTEGER NOT NULL, custom_id TEXT, status TEXT NOT NULL, json TEXT NOT NULL, finished_at TEXT NOT NULL, PRIMARY KEY(batch_id, line))");
      }
      return new SqliteJournalStore(c);
    } catch (SQLException | java.io.IOException e) {
      throw new JournalException("cannot open the batch journal " + file + ": " + e.getMessage(), e);
    }
  }

  /** The journal mode in effect (for tests: {@code wal}). */
  public String journalMode() {
    return query("PRAGMA journal_mode", rs -> rs.next() ? rs.getString(1) : "");
  }

  @Override
  public BatchState openBatch(String batchId, String input, String workflow) {
    lock.lock();
    try {
      try (PreparedStatement q = db.prepareStatement("SELECT input, completed_at FROM batches WHERE batch_id = ?")) {
        q.setString(1, batchId);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            String in = rs.getString(1);
            boolean completed = rs.getString(2) != null;
            return new BatchState(true, countItems(batchId), completed, in);
          }
        }
      }
      try (PreparedStatement ins = db.prepareStatement("INSERT INTO batches(batch_id, input, workflow, created_at) VALUES (?, ?, ?, ?)")) {
        ins.setString(1, batchId);
        ins.setString(2, input);
        ins.setString(3, workflow);
        ins.setString(4, Instant.now().toString());
        ins.executeUpdate();
      }
      return new BatchState(false, 0, false, input);
    } catch (SQLException e) {
      throw new JournalException("batch journal: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private int countItems(String batchId) throws SQLException {
    try (PreparedStatement q = db.prepareStatement("SELECT COUNT(*) FROM items WHERE batch_id = ?")) {
      q.setString(1, batchId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  @Override
  public void resetBatch(String batchId) {
    update("DELETE FROM items WHERE batch_id = ?", batchId);
    update("UPDATE batches SET completed_at = NULL WHERE batch_id = ?", batchId);
  }

  @Override
  public Optional<ChatResponse> response(String identity, String onlyBatch) {
    String sql = onlyBatch == null
        ? "SELECT response FROM responses WHERE identity = ?"
        : "SELECT response FROM responses WHERE identity = ? AND batch_id = ?";
    lock.lock();
    try (PreparedStatement q = db.prepareStatement(sql)) {
      q.setString(1, identity);
      if (onlyBatch != null) {
        q.setString(2, onlyBatch);
      }
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(ResponseCodec.decode(rs.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JournalException("batch journal: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void putResponse(String identity, String batchId, ChatResponse response) {
    update("INSERT OR REPLACE INTO responses(identity, batch_id, response, stored_at) VALUES (?, ?, ?, ?)",
        identity, batchId, ResponseCodec.encode(response), Instant.now().toString());
  }

  @Override
  public Set<Integer> finishedLines(String batchId) {
    lock.lock();
    try (PreparedStatement q = db.prepareStatement("SELECT line FROM items WHERE batch_id = ?")) {
      q.setString(1, batchId);
      Set<Integer> out = new HashSet<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new JournalException("batch journal: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void finishItem(String batchId, ItemRecord item) {
    update("INSERT OR IGNORE INTO items(batch_id, line, custom_id, status, json, finished_at) VALUES (?, ?, ?, ?, ?, ?)",
        batchId, item.line(), item.customId(), item.status().name(), item.json(), Instant.now().toString());
  }

  @Override
  public List<ItemRecord> items(String batchId) {
    lock.lock();
    try (PreparedStatement q = db.prepareStatement(
        "SELECT line, custom_id, status, json FROM items WHERE batch_id = ? ORDER BY line")) {
      q.setString(1, batchId);
      List<ItemRecord> out = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(new ItemRecord(rs.getInt(1), rs.getString(2), ItemStatus.valueOf(rs.getString(3)), rs.getString(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new JournalException("batch journal: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void completeBatch(String batchId) {
    update("UPDATE batches SET completed_at = ? WHERE batch_id = ?", Instant.now().toString(), batchId);
  }

  @Override
  public long responseCount() {
    return query("SELECT COUNT(*) FROM responses", rs -> rs.next() ? rs.getLong(1) : 0L);
  }

  private void update(String sql, Object... args) {
    lock.lock();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      p.executeUpdate();
    } catch (SQLException e) {
      throw new JournalException("batch journal: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, RowReader<T> reader) {
    lock.lock();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return reader.read(rs);
    } catch (SQLException e) {
      throw new JournalException("batch journal: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      db.close();
    } catch (SQLException e) {
      // closing: nothing left to lose, every write was committed
    } finally {
      lock.unlock();
    }
  }
}
