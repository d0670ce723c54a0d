package io.chorus.batch.internal;

import io.chorus.batch.BatchState;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalStore;
import io.chorus.batch.JournalLockedException;
import io.chorus.core.ChatResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
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
 * <p>Opening runs {@code PRAGMA quick_check}, so a journal with garbage mid-file is refused
 * rather than used, and takes an exclusive OS lock on {@code <file>.lock} naming the holder's pid
 * and start time: a second process on the same journal (hence on the same batch) is refused with
 * them. The OS drops the lock when the process dies, so a killed run never blocks its resume.
 *
 * <p>One connection, guarded by a lock (SQLite serializes writers anyway); thread-safe.
 */
public final class SqliteJournalStore implements JournalStore {

  private final Connection db;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final ReentrantLock lock = new ReentrantLock();

  private SqliteJournalStore(Connection db, FileChannel lockChannel, FileLock fileLock) {
    this.db = db;
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
  }

  /** Opens (creating if needed) the journal at {@code file}: checked, then locked for this process. */
  public static SqliteJournalStore open(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    FileChannel ch = null;
    Connection c = null;
    try {
      Path parent = abs.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock fl;
      try {
        fl = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        fl = null; // this process has it open already
      }
      if (fl == null) {
        String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
        throw new JournalLockedException("the batch journal " + abs + " is in use by another run ("
            + (holder.isEmpty() ? "holder unknown" : holder) + "); wait for it to end or use another --journal");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(true);
      c = DriverManager.getConnection("jdbc:sqlite:" + abs);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=10000");
        try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
          String verdict = rs.next() ? rs.getString(1) : "no answer";
          if (!"ok".equalsIgnoreCase(verdict)) {
            throw new JournalException("the batch journal " + abs + " is corrupt (SQLite quick_check: " + verdict
                + "); move it aside and start over (or use another --journal)", null);
          }
        }
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("CREATE TABLE IF NOT EXISTS responses(identity TEXT PRIMARY KEY, batch_id TEXT, response TEXT NOT NULL, stored_at TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS batches(batch_id TEXT PRIMARY KEY, input TEXT, workflow TEXT, created_at TEXT NOT NULL, completed_at TEXT)");
        s.execute("CREATE TABLE IF NOT EXISTS items(batch_id TEXT NOT NULL, line INTEGER NOT NULL, custom_id TEXT, status TEXT NOT NULL, json TEXT NOT NULL, finished_at TEXT NOT NULL, PRIMARY KEY(batch_id, line))");
      }
      return new SqliteJournalStore(c, ch, fl);
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(c, ch);
      if (e instanceof JournalException || e instanceof JournalLockedException) {
        throw (RuntimeException) e;
      }
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().strip();
      if (msg.contains("NOTADB") || msg.contains("CORRUPT") || msg.contains("malformed")) {
        throw new JournalException("the batch journal " + abs + " is corrupt (" + msg
            + "); move it aside and start over (or use another --journal)", e);
      }
      throw new JournalException("cannot open the batch journal " + abs + ": " + msg, e);
    }
  }

  /** This process, as the journal's holder: {@code pid 4242, started 2026-12-06T19:00:00Z}. */
  static String holder() {
    ProcessHandle me = ProcessHandle.current();
    return "pid " + me.pid() + ", started " + me.info().startInstant().map(Instant::toString).orElse("at an unknown time");
  }

  private static void closeQuietly(Connection c, FileChannel ch) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // failing anyway
    }
    try {
      if (ch != null) {
        ch.close(); // releases the lock
      }
    } catch (IOException ignored) {
      // failing anyway
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
  public int forgetFailed(String batchId) {
    return update("DELETE FROM items WHERE batch_id = ? AND status = 'FAILED'", batchId);
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

  private int update(String sql, Object... args) {
    lock.lock();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      return p.executeUpdate();
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
      try {
        fileLock.release();
        lockChannel.close();
      } catch (IOException e) {
        // the OS releases the lock with the process
      }
      lock.unlock();
    }
  }
}
