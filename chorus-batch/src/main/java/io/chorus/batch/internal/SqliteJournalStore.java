package io.chorus.batch.internal;

import io.chorus.batch.BatchLease;
import io.chorus.batch.BatchState;
import io.chorus.batch.ItemKey;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalLockedException;
import io.chorus.batch.JournalStore;
import io.chorus.core.ChatResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link JournalStore} in an embedded SQLite database file, in WAL mode with {@code synchronous =
 * NORMAL}: every committed write survives the process being killed (not a power cut, which {@code
 * FULL} would also cover at the cost of an fsync per write). Each method is one auto-committed
 * statement or transaction.
 *
 * <p>Opening runs {@code PRAGMA quick_check}, so a journal with garbage mid-file is refused rather
 * than used, and takes an exclusive OS lock on {@code <file>.lock} naming the holder's pid and
 * start time: a second process on the same journal (hence on the same batch) is refused with them.
 * The OS drops the lock when the process dies, so a killed run never blocks its resume. With the
 * file locked, a batch lease only has to exclude runs in this process: a set in memory does that,
 * and a row of {@code leases} records the holder for anyone reading the file.
 *
 * <p>Items live in {@code batch_items}, keyed by {@code (batch_id, custom_id)}, with {@code seq}
 * the SQLite rowid ({@code AUTOINCREMENT}, so a replaced item's new seq is above every earlier
 * one). A journal of an older version kept items by line in {@code items}; that table is left
 * unread (its batches start over; their stored responses still answer).
 *
 * <p>Versions: the schema version is {@code PRAGMA user_version} ({@link #SCHEMA_VERSION}) and a
 * journal is marked with {@code PRAGMA application_id}. A journal from before versioning is
 * upgraded in place; one made by a newer Chorus, or a SQLite file of another application, is
 * refused with a message saying which, before anything is written. Hand-written rather than Flyway
 * (which the PostgreSQL store uses): an embedded single-process file needs no history table or
 * migration lock, and its few changes are idempotent ({@code CREATE TABLE IF NOT EXISTS}, a column
 * added when missing).
 *
 * <p>One connection, guarded by a lock (SQLite serializes writers anyway); thread-safe.
 */
public final class SqliteJournalStore implements JournalStore {

  /**
   * The journal's schema version, in {@code PRAGMA user_version}: the tables of the PostgreSQL
   * store's {@code V1__journal.sql}, with the same keys and meaning. 0 is a journal of a Chorus
   * before versioning (upgraded in place).
   */
  public static final int SCHEMA_VERSION = 1;

  /** {@code PRAGMA application_id} of a Chorus journal: "Chor". */
  static final int APPLICATION_ID = 0x43686f72;

  private static final Set<String> CHORUS_TABLES =
      Set.of("responses", "batches", "batch_items", "batch_input", "leases", "items");

  private final Connection db;
  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<String> leased = new HashSet<>();

  private SqliteJournalStore(Connection db, Path file, FileChannel lockChannel, FileLock fileLock) {
    this.db = db;
    this.file = file;
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
  }

  /**
   * Opens (creating if needed) the journal at {@code file}: checked, then locked for this process.
   */
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
      ch =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock fl;
      try {
        fl = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        fl = null; // this process has it open already
      }
      if (fl == null) {
        String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
        throw new JournalLockedException(
            "the batch journal "
                + abs
                + " is in use by another run ("
                + (holder.isEmpty() ? "holder unknown" : holder)
                + "); wait for it to end or use another --journal");
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
            throw new JournalException(
                "the batch journal "
                    + abs
                    + " is corrupt (SQLite quick_check: "
                    + verdict
                    + "); move it aside and start over (or use another --journal)",
                null);
          }
        }
        checkSchema(s, abs);
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        // the input record of a million items is one transaction (130 MB of WAL): give the space
        // back after it
        s.execute("PRAGMA journal_size_limit=" + (64L << 20));
        s.execute(
            "CREATE TABLE IF NOT EXISTS responses(identity TEXT PRIMARY KEY, batch_id TEXT, response TEXT NOT NULL, stored_at TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS batches(batch_id TEXT PRIMARY KEY, input TEXT, workflow TEXT, created_at TEXT NOT NULL, completed_at TEXT)");
        for (String col :
            new String[] {
              "out_seq INTEGER NOT NULL DEFAULT 0", "out_bytes INTEGER NOT NULL DEFAULT 0"
            }) {
          if (!hasColumn(s, "batches", col.substring(0, col.indexOf(' ')))) {
            s.execute("ALTER TABLE batches ADD COLUMN " + col);
          }
        }
        s.execute(
            "CREATE TABLE IF NOT EXISTS batch_items(seq INTEGER PRIMARY KEY AUTOINCREMENT, batch_id TEXT NOT NULL,"
                + " custom_id TEXT NOT NULL, content TEXT, line INTEGER NOT NULL, status TEXT NOT NULL, json TEXT NOT NULL,"
                + " finished_at TEXT NOT NULL, UNIQUE(batch_id, custom_id))");
        s.execute(
            "CREATE TABLE IF NOT EXISTS batch_input(batch_id TEXT NOT NULL, ord INTEGER NOT NULL, custom_id TEXT NOT NULL,"
                + " content TEXT, PRIMARY KEY(batch_id, ord))");
        s.execute(
            "CREATE TABLE IF NOT EXISTS leases(batch_id TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)");
        // upgraded (or created) to this version: recorded, with the mark that says whose file it is
        s.execute("PRAGMA application_id=" + APPLICATION_ID);
        s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
      }
      return new SqliteJournalStore(c, abs, ch, fl);
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(c, ch);
      if (e instanceof JournalException || e instanceof JournalLockedException) {
        throw (RuntimeException) e;
      }
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().strip();
      if (msg.contains("NOTADB") || msg.contains("CORRUPT") || msg.contains("malformed")) {
        throw new JournalException(
            "the batch journal "
                + abs
                + " is corrupt ("
                + msg
                + "); move it aside and start over (or use another --journal)",
            e);
      }
      throw new JournalException("cannot open the batch journal " + abs + ": " + msg, e);
    }
  }

  /**
   * Refuses a journal this Chorus must not write to, before anything is written: one made by a
   * newer Chorus ({@code user_version} above {@link #SCHEMA_VERSION}), or a SQLite file that is not
   * a Chorus journal (another application's {@code application_id}, or tables none of which are
   * Chorus's). Version 0 with Chorus tables is a journal of a Chorus before versioning: upgraded in
   * place.
   */
  private static void checkSchema(Statement s, Path abs) throws SQLException {
    int app = pragmaInt(s, "application_id");
    int version = pragmaInt(s, "user_version");
    if (app != 0 && app != APPLICATION_ID) {
      throw new JournalException(
          "the file "
              + abs
              + " is not a Chorus batch journal (a SQLite database of another application, id 0x"
              + Integer.toHexString(app)
              + "); point --journal at another file",
          null);
    }
    if (version > SCHEMA_VERSION) {
      throw new JournalException(
          "the batch journal "
              + abs
              + " has schema version "
              + version
              + ", made by a newer Chorus; this one knows versions up to "
              + SCHEMA_VERSION
              + ": upgrade Chorus to use it",
          null);
    }
    Set<String> tables = new java.util.TreeSet<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    if (app == 0 && !tables.isEmpty() && java.util.Collections.disjoint(tables, CHORUS_TABLES)) {
      throw new JournalException(
          "the file "
              + abs
              + " is not a Chorus batch journal (its tables: "
              + String.join(", ", tables)
              + "); point --journal at another file",
          null);
    }
    if (tables.contains("responses") && !hasColumn(s, "responses", "identity")) {
      throw new JournalException(
          "the file "
              + abs
              + " is not a Chorus batch journal (its table responses has no identity column); point"
              + " --journal at another file",
          null);
    }
  }

  private static int pragmaInt(Statement s, String pragma) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static boolean hasColumn(Statement s, String table, String column) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        if (column.equalsIgnoreCase(rs.getString("name"))) {
          return true;
        }
      }
      return false;
    }
  }

  /** This process, as the journal's holder: {@code pid 4242, started 2026-12-06T19:00:00Z}. */
  public static String holder() {
    ProcessHandle me = ProcessHandle.current();
    return "pid "
        + me.pid()
        + ", started "
        + me.info().startInstant().map(Instant::toString).orElse("at an unknown time");
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

  /**
   * Lets the database grow by {@code pages} more pages only (SQLite's {@code max_page_count} on
   * this connection): past that, writes fail with a real {@code SQLITE_FULL}, which is how tests
   * fill the journal's "disk" without a file system of their own. Returns the page size in bytes.
   */
  public int limitGrowth(int pages) {
    lock.lock();
    try (Statement s = db.createStatement()) {
      long count;
      int size;
      try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
        count = rs.next() ? rs.getLong(1) : 0;
      }
      try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
        size = rs.next() ? rs.getInt(1) : 4096;
      }
      s.execute("PRAGMA max_page_count=" + (count + pages));
      return size;
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      lock.unlock();
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
      try (PreparedStatement q =
          db.prepareStatement(
              "SELECT input, completed_at, out_seq, out_bytes FROM batches WHERE batch_id = ?")) {
        q.setString(1, batchId);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            return new BatchState(
                true,
                countItems(batchId),
                rs.getString(2) != null,
                rs.getString(1),
                rs.getLong(3),
                rs.getLong(4));
          }
        }
      }
      try (PreparedStatement ins =
          db.prepareStatement(
              "INSERT INTO batches(batch_id, input, workflow, created_at) VALUES (?, ?, ?, ?)")) {
        ins.setString(1, batchId);
        ins.setString(2, input);
        ins.setString(3, workflow);
        ins.setString(4, Instant.now().toString());
        ins.executeUpdate();
      }
      return new BatchState(false, 0, false, input, 0, 0);
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      lock.unlock();
    }
  }

  private int countItems(String batchId) throws SQLException {
    try (PreparedStatement q =
        db.prepareStatement("SELECT COUNT(*) FROM batch_items WHERE batch_id = ?")) {
      q.setString(1, batchId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private JournalException failed(SQLException e) {
    String why = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    return new JournalException("the batch journal " + file + " failed: " + why, e);
  }

  @Override
  public BatchLease lease(String batchId, String holder, Duration ttl) {
    lock.lock();
    try {
      if (!leased.add(batchId)) {
        String other = holderOf(batchId);
        throw new JournalLockedException(
            "the batch "
                + batchId
                + " in "
                + file
                + " is being run by another run ("
                + other
                + "); wait for it to end");
      }
      try {
        // the file lock makes this process the journal's only user: a row left here is a dead run's
        update(
            "INSERT OR REPLACE INTO leases(batch_id, holder, expires_at) VALUES (?, ?, ?)",
            batchId,
            holder,
            System.currentTimeMillis() + ttl.toMillis());
      } catch (JournalException e) {
        leased.remove(batchId);
        throw e;
      }
    } finally {
      lock.unlock();
    }
    return new BatchLease() {
      private boolean closed;

      @Override
      public void renew() {
        update(
            "UPDATE leases SET expires_at = ? WHERE batch_id = ? AND holder = ?",
            System.currentTimeMillis() + ttl.toMillis(),
            batchId,
            holder);
      }

      @Override
      public void close() {
        lock.lock();
        try {
          if (!closed) {
            closed = true;
            leased.remove(batchId);
            update("DELETE FROM leases WHERE batch_id = ? AND holder = ?", batchId, holder);
          }
        } catch (JournalException e) {
          // the journal failed; the row is taken over by the next run, which holds the file lock
        } finally {
          lock.unlock();
        }
      }
    };
  }

  private String holderOf(String batchId) {
    try (PreparedStatement q =
        db.prepareStatement("SELECT holder FROM leases WHERE batch_id = ?")) {
      q.setString(1, batchId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : "holder unknown";
      }
    } catch (SQLException e) {
      return "holder unknown";
    }
  }

  @Override
  public void resetBatch(String batchId) {
    update("DELETE FROM batch_items WHERE batch_id = ?", batchId);
    update(
        "UPDATE batches SET completed_at = NULL, out_seq = 0, out_bytes = 0 WHERE batch_id = ?",
        batchId);
  }

  @Override
  public int forgetFailed(String batchId) {
    return update("DELETE FROM batch_items WHERE batch_id = ? AND status = 'FAILED'", batchId);
  }

  @Override
  public void forgetItem(String batchId, String customId) {
    update("DELETE FROM batch_items WHERE batch_id = ? AND custom_id = ?", batchId, customId);
  }

  @Override
  public Optional<ChatResponse> response(String identity, String onlyBatch) {
    String sql =
        onlyBatch == null
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
      throw failed(e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void putResponse(String identity, String batchId, ChatResponse response) {
    update(
        "INSERT OR REPLACE INTO responses(identity, batch_id, response, stored_at) VALUES (?, ?, ?, ?)",
        identity,
        batchId,
        ResponseCodec.encode(response),
        Instant.now().toString());
  }

  @Override
  public Optional<ItemRecord> item(String batchId, String customId) {
    lock.lock();
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT seq, line, custom_id, content, status, json FROM batch_items WHERE batch_id = ? AND custom_id = ?")) {
      q.setString(1, batchId);
      q.setString(2, customId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(record(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      lock.unlock();
    }
  }

  private static ItemRecord record(ResultSet rs) throws SQLException {
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
    lock.lock();
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO batch_items(batch_id, custom_id, content, line, status, json, finished_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq")) {
      p.setString(1, batchId);
      p.setString(2, item.customId());
      p.setString(3, item.content());
      p.setInt(4, item.line());
      p.setString(5, item.status().name());
      p.setString(6, item.json());
      p.setString(7, Instant.now().toString());
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no seq returned for item " + item.customId());
        }
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void forEachItem(String batchId, long afterSeq, Consumer<ItemRecord> action) {
    paged(
        "SELECT seq, line, custom_id, content, status, json FROM batch_items WHERE batch_id = ? AND seq > ? ORDER BY seq",
        batchId,
        afterSeq,
        rs -> rs.getLong(1),
        SqliteJournalStore::record,
        action);
  }

  /**
   * Runs {@code sql} (with {@code batch_id = ?} and {@code key > ?}, ordered by the key) in pages
   * of {@value #PAGE}, so that the lock is not held while the caller writes files.
   */
  private <T> void paged(
      String sql,
      String batchId,
      long after,
      RowReader<Long> key,
      RowReader<T> row,
      Consumer<T> action) {
    long from = after;
    while (true) {
      List<T> page = new ArrayList<>(PAGE);
      lock.lock();
      try (PreparedStatement q = db.prepareStatement(sql + " LIMIT " + PAGE)) {
        q.setString(1, batchId);
        q.setLong(2, from);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            from = key.read(rs);
            page.add(row.read(rs));
          }
        }
      } catch (SQLException e) {
        throw failed(e);
      } finally {
        lock.unlock();
      }
      page.forEach(action);
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  private static final int PAGE = 1000;

  @Override
  public void replaceInput(String batchId, Iterator<ItemKey> items) {
    lock.lock();
    try {
      inTransaction(
          () -> {
            try (PreparedStatement d =
                db.prepareStatement("DELETE FROM batch_input WHERE batch_id = ?")) {
              d.setString(1, batchId);
              d.executeUpdate();
            }
            try (PreparedStatement p =
                db.prepareStatement(
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
          });
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      lock.unlock();
    }
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction, committed, or rolled back when it fails; the connection
   * is back in auto-commit either way. The first failure is the one thrown: on {@code SQLITE_FULL}
   * or an I/O error SQLite may have rolled the transaction back itself, so the {@code ROLLBACK}
   * after it and the {@code COMMIT} that leaving the transaction issues then fail with "no
   * transaction is active"; those are suppressed in the first, never thrown in its place.
   */
  private void inTransaction(SqlWork work) throws SQLException {
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false);
    try {
      work.run();
      db.commit();
    } catch (SQLException | RuntimeException | Error e) {
      try {
        db.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      try {
        db.setAutoCommit(auto);
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    }
    db.setAutoCommit(auto);
  }

  @Override
  public void forEachInput(String batchId, Consumer<ItemKey> action) {
    paged(
        "SELECT ord, custom_id, content FROM batch_input WHERE batch_id = ? AND ord > ? ORDER BY ord",
        batchId,
        -1,
        rs -> rs.getLong(1),
        rs -> new ItemKey(rs.getString(2), rs.getString(3)),
        action);
  }

  @Override
  public void checkpointOutput(String batchId, long seq, long bytes) {
    update("UPDATE batches SET out_seq = ?, out_bytes = ? WHERE batch_id = ?", seq, bytes, batchId);
  }

  @Override
  public void completeBatch(String batchId) {
    update(
        "UPDATE batches SET completed_at = ? WHERE batch_id = ?",
        Instant.now().toString(),
        batchId);
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
      throw failed(e);
    } finally {
      lock.unlock();
    }
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, RowReader<T> reader) {
    lock.lock();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return reader.read(rs);
    } catch (SQLException e) {
      throw failed(e);
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
