package io.chorus.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.batch.BatchRefusedException;
import io.chorus.batch.JournalException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batches as queues in a shared store: {@link #submit} records a batch's items once; workers on any
 * machine {@link #claim} items with leases, {@link #heartbeat} to keep them, and {@link #finish} or
 * {@link #release} them; {@link #progress} and {@link #export} read the result.
 *
 * <h2>Why nothing is lost or done twice</h2>
 *
 * <ul>
 *   <li>A claim is one statement, {@code UPDATE … WHERE (batch_id, custom_id) IN (SELECT … FOR
 *       UPDATE SKIP LOCKED LIMIT n) RETURNING …}: two workers never take the same pending item, and
 *       neither waits for the other's row locks.
 *   <li>A claim carries a lease ({@code lease_until}, the server's clock). The worker's heartbeat
 *       extends every lease it holds in one statement; a killed worker stops beating, its leases
 *       expire, and the next claim by anyone takes those items over (counted in {@code attempts}).
 *   <li>Every response is stored in the journal under its request identity while the call returns
 *       (the engine's response cache), before the item is finished. An item taken over after a kill
 *       is answered from there: only the calls in flight at the kill are paid again.
 *   <li>The result is upserted by {@code custom_id} ({@code batch_items}): an item finished twice
 *       (a worker that outlived its lease) is still one line in the export.
 *   <li>Two batches never mix: items are keyed by batch id, and a second submission of a batch id
 *       whose input differs (by fingerprint) is refused naming how.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class SharedBatches {

  private static final ObjectMapper JSON = io.chorus.common.internal.Json.MAPPER;
  private static final int CHUNK = 1000;

  private final PostgresStore store;

  public SharedBatches(PostgresStore store) {
    this.store = store;
  }

  /**
   * What {@link #submit} found.
   *
   * @param created whether this call recorded the batch (false: it was there, same input)
   * @param finished items already finished (succeeded or failed) by earlier work
   */
  public record Submission(boolean created, int finished) {}

  /** An item a worker holds under lease. */
  public record Claim(String batchId, BatchItem item, int attempts) {}

  /** What {@link #export} wrote. */
  public record Export(int succeeded, int failed, int unfinished) {}

  /**
   * The fingerprint of an input: SHA-256 over each item's {@code custom_id} and content, in order.
   */
  public static String fingerprint(List<BatchItem> items) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (BatchItem i : items) {
        d.update(i.customId().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(i.content().getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records a batch and its items for workers, or brings an earlier record in step with this input
   * and with the journal: an item the journal no longer holds as finished (forgotten as failed,
   * changed, or the batch reset) is pending again.
   *
   * @param acceptChangedInput whether an input that differs from the recorded one replaces it
   *     (items whose content changed, or that are new, become pending; items gone are dropped); the
   *     journal's own comparison ({@link io.chorus.batch.BatchRunner#prepare}) says which changed
   * @throws BatchRefusedException when the batch was submitted with another input and {@code
   *     acceptChangedInput} is false, or with another workflow spec
   */
  public Submission submit(
      String batchId,
      String workflow,
      String spec,
      List<BatchItem> items,
      boolean acceptChangedInput) {
    String fp = fingerprint(items);
    return store.tx(
        "submitting batch " + batchId,
        c -> {
          PostgresStore.update(
              c,
              "INSERT INTO batches(batch_id, input, workflow) VALUES (?, ?, ?) ON CONFLICT (batch_id) DO NOTHING",
              batchId,
              "submitted",
              workflow);
          boolean created;
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO work_batches(batch_id, workflow, spec, fingerprint, total) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ins.setString(1, batchId);
            ins.setString(2, workflow);
            ins.setString(3, spec);
            ins.setString(4, fp);
            ins.setInt(5, items.size());
            created = ins.executeUpdate() == 1;
          }
          if (created) {
            insertItems(c, batchId, items, false);
            return new Submission(true, 0);
          }
          SharedBatch old = read(c, batchId).orElseThrow();
          if (!old.spec().equals(spec)) {
            throw new BatchRefusedException(
                "the batch "
                    + batchId
                    + " in "
                    + store.location().display()
                    + " was submitted with another workflow spec: add --restart to start it over, or write to another --out");
          }
          if (!old.fingerprint().equals(fp)) {
            if (!acceptChangedInput) {
              throw new BatchRefusedException(
                  "the batch "
                      + batchId
                      + " in "
                      + store.location().display()
                      + " was submitted with another input ("
                      + old.total()
                      + " item(s) then, "
                      + items.size()
                      + " now, or their content changed): add --rerun-changed to run what changed, --restart to start it over,"
                      + " or write to another --out");
            }
            insertItems(c, batchId, items, true);
            try (PreparedStatement d =
                c.prepareStatement(
                    "DELETE FROM work_items WHERE batch_id = ? AND NOT (custom_id = ANY(?))")) {
              d.setString(1, batchId);
              d.setArray(
                  2, c.createArrayOf("text", items.stream().map(BatchItem::customId).toArray()));
              d.executeUpdate();
            }
            PostgresStore.update(
                c,
                "UPDATE work_batches SET fingerprint = ?, total = ? WHERE batch_id = ?",
                fp,
                items.size(),
                batchId);
          }
          PostgresStore.update(
              c,
              "UPDATE work_items w SET state = 'pending', worker = NULL, lease_until = NULL, finished_at = NULL"
                  + " WHERE w.batch_id = ? AND w.state IN ('done', 'failed') AND NOT EXISTS"
                  + " (SELECT 1 FROM batch_items b WHERE b.batch_id = w.batch_id AND b.custom_id = w.custom_id)",
              batchId);
          return new Submission(false, countFinished(c, batchId));
        });
  }

  private static void insertItems(
      Connection c, String batchId, List<BatchItem> items, boolean upsert) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO work_items(batch_id, custom_id, line, content, payload) VALUES (?, ?, ?, ?, ?)"
                + (upsert
                    ? " ON CONFLICT (batch_id, custom_id) DO UPDATE SET line = EXCLUDED.line, payload = EXCLUDED.payload,"
                        + " content = EXCLUDED.content, state = CASE WHEN work_items.content = EXCLUDED.content THEN work_items.state"
                        + " ELSE 'pending' END"
                    : ""))) {
      int n = 0;
      for (BatchItem i : items) {
        p.setString(1, batchId);
        p.setString(2, i.customId());
        p.setInt(3, i.line());
        p.setString(4, i.content());
        p.setString(5, i.json().toString());
        p.addBatch();
        if (++n % CHUNK == 0) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
  }

  private static int countFinished(Connection c, String batchId) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT COUNT(*) FROM work_items WHERE batch_id = ? AND state IN ('done', 'failed')")) {
      q.setString(1, batchId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The submitted batch, if any. */
  public Optional<SharedBatch> batch(String batchId) {
    return store.one("reading batch " + batchId, c -> read(c, batchId));
  }

  private static Optional<SharedBatch> read(Connection c, String batchId) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT batch_id, workflow, spec, fingerprint, total, created_at FROM work_batches WHERE batch_id = ?")) {
      q.setString(1, batchId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(batch(rs)) : Optional.empty();
      }
    }
  }

  private static SharedBatch batch(ResultSet rs) throws SQLException {
    return new SharedBatch(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getTimestamp(6).toInstant());
  }

  /** Submitted batches with items not finished yet, oldest first. */
  public List<SharedBatch> open() {
    return list(
        " WHERE EXISTS (SELECT 1 FROM work_items i WHERE i.batch_id = b.batch_id AND i.state IN ('pending', 'leased'))");
  }

  /** Every submitted batch, oldest first. */
  public List<SharedBatch> all() {
    return list("");
  }

  private List<SharedBatch> list(String where) {
    return store.one(
        "listing batches",
        c -> {
          List<SharedBatch> out = new ArrayList<>();
          try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT b.batch_id, b.workflow, b.spec, b.fingerprint, b.total, b.created_at FROM work_batches b"
                          + where
                          + " ORDER BY b.created_at, b.batch_id");
              ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              out.add(batch(rs));
            }
          }
          return out;
        });
  }

  /**
   * Claims up to {@code max} items of the batch for {@code worker}: pending ones, and those whose
   * lease expired. Never blocks on another worker's claim.
   */
  public List<Claim> claim(String batchId, String worker, int max, Duration ttl) {
    return store.one(
        "claiming items",
        c -> {
          List<Claim> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE work_items w SET state = 'leased', worker = ?, lease_until = now() + make_interval(secs => ?),"
                      + " attempts = w.attempts + 1 FROM (SELECT custom_id FROM work_items WHERE batch_id = ?"
                      + " AND (state = 'pending' OR (state = 'leased' AND lease_until < now())) ORDER BY line LIMIT ?"
                      + " FOR UPDATE SKIP LOCKED) picked WHERE w.batch_id = ? AND w.custom_id = picked.custom_id"
                      + " RETURNING w.custom_id, w.line, w.content, w.payload, w.attempts")) {
            p.setString(1, worker);
            p.setDouble(2, ttl.toMillis() / 1000.0);
            p.setString(3, batchId);
            p.setInt(4, max);
            p.setString(5, batchId);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                ObjectNode json;
                try {
                  json = (ObjectNode) JSON.readTree(rs.getString(4));
                } catch (IOException e) {
                  throw new SQLException(
                      "item " + rs.getString(1) + " has an unreadable payload: " + e.getMessage());
                }
                out.add(
                    new Claim(
                        batchId,
                        new BatchItem(rs.getInt(2), rs.getString(1), rs.getString(3), json),
                        rs.getInt(5)));
              }
            }
          }
          return out;
        });
  }

  /**
   * The models the batch's lines name ({@code "model"} or {@code body.model}), for setting up
   * providers.
   */
  public List<String> modelsNamed(String batchId) {
    return store.one(
        "reading the batch's models",
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT DISTINCT m FROM (SELECT COALESCE(payload::jsonb ->> 'model', payload::jsonb -> 'body' ->> 'model') AS m"
                      + " FROM work_items WHERE batch_id = ?) t WHERE m IS NOT NULL ORDER BY m")) {
            q.setString(1, batchId);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          }
          return out;
        });
  }

  /** Whether the batch has items not finished yet (pending, or held by a worker). */
  public boolean hasOpenItems(String batchId) {
    return store.one(
        "reading the batch",
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT EXISTS (SELECT 1 FROM work_items WHERE batch_id = ? AND state IN ('pending', 'leased'))")) {
            q.setString(1, batchId);
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              return rs.getBoolean(1);
            }
          }
        });
  }

  /**
   * Extends every lease {@code worker} holds and records that it is alive; returns the leases
   * extended.
   */
  public int heartbeat(String worker, String batchId, Duration ttl) {
    return store.tx(
        "sending a heartbeat",
        c -> {
          PostgresStore.update(
              c,
              "INSERT INTO workers(worker_id, batch_id) VALUES (?, ?) ON CONFLICT (worker_id)"
                  + " DO UPDATE SET heartbeat_at = now(), batch_id = EXCLUDED.batch_id",
              worker,
              batchId);
          return PostgresStore.update(
              c,
              "UPDATE work_items SET lease_until = now() + make_interval(secs => ?)"
                  + " WHERE worker = ? AND state = 'leased'",
              ttl.toMillis() / 1000.0,
              worker);
        });
  }

  /**
   * Marks a claimed item finished ({@code done} or failed) by {@code worker}, after its result is
   * in the journal.
   */
  public void finish(Claim claim, String worker, boolean succeeded) {
    store.one(
        "finishing an item",
        c ->
            PostgresStore.update(
                c,
                "UPDATE work_items SET state = ?, worker = ?, lease_until = NULL, finished_at = now() WHERE batch_id = ? AND custom_id = ?",
                succeeded ? "done" : "failed",
                worker,
                claim.batchId(),
                claim.item().customId()));
  }

  /** Gives a claimed item back (not run: the budget stopped it, or the worker is stopping). */
  public void release(Claim claim, String worker) {
    store.one(
        "releasing an item",
        c ->
            PostgresStore.update(
                c,
                "UPDATE work_items SET state = 'pending', worker = NULL, lease_until = NULL WHERE batch_id = ? AND custom_id = ?"
                    + " AND worker = ? AND state = 'leased'",
                claim.batchId(),
                claim.item().customId(),
                worker));
  }

  /** Records that {@code worker} stopped (status shows it gone rather than silent). */
  public void stopped(String worker) {
    store.one(
        "recording a worker's stop",
        c ->
            PostgresStore.update(
                c, "UPDATE workers SET stopped_at = now() WHERE worker_id = ?", worker));
  }

  /** Where the batch stands, across every worker, with each worker's part. */
  public BatchProgress progress(String batchId) {
    return progress(batchId, true);
  }

  /**
   * Where the batch stands, across every worker, without each worker's part ({@link
   * BatchProgress#workers} is empty): one statement, for a progress line redrawn every few seconds
   * by every worker. Done, failed, in flight, the rate and the time left are those of {@link
   * #progress} and {@code chorus batch status}.
   */
  public BatchProgress counts(String batchId) {
    return progress(batchId, false);
  }

  private BatchProgress progress(String batchId, boolean perWorker) {
    return store.one(
        "reading progress",
        c -> {
          int total = 0;
          int pending = 0;
          int inFlight = 0;
          int expired = 0;
          int done = 0;
          int failed = 0;
          int perMinute = 0;
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'pending'),"
                      + " COUNT(*) FILTER (WHERE state = 'leased' AND lease_until >= now()),"
                      + " COUNT(*) FILTER (WHERE state = 'leased' AND lease_until < now()),"
                      + " COUNT(*) FILTER (WHERE state = 'done'), COUNT(*) FILTER (WHERE state = 'failed'),"
                      + " COUNT(*) FILTER (WHERE finished_at > now() - interval '1 minute') FROM work_items WHERE batch_id = ?")) {
            q.setString(1, batchId);
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              total = rs.getInt(1);
              pending = rs.getInt(2);
              inFlight = rs.getInt(3);
              expired = rs.getInt(4);
              done = rs.getInt(5);
              failed = rs.getInt(6);
              perMinute = rs.getInt(7);
            }
          }
          List<BatchProgress.WorkerProgress> workers = perWorker ? workers(c, batchId) : List.of();
          int left = total - done - failed;
          Duration eta =
              perMinute == 0 ? null : Duration.ofSeconds((long) Math.ceil(left * 60.0 / perMinute));
          return new BatchProgress(
              batchId, total, pending, inFlight, expired, done, failed, perMinute, eta, workers);
        });
  }

  private static List<BatchProgress.WorkerProgress> workers(Connection c, String batchId)
      throws SQLException {
    Map<String, int[]> per = new LinkedHashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT worker, COUNT(*) FILTER (WHERE state = 'leased'), COUNT(*) FILTER (WHERE state = 'done'),"
                + " COUNT(*) FILTER (WHERE state = 'failed') FROM work_items WHERE batch_id = ? AND worker IS NOT NULL"
                + " GROUP BY worker ORDER BY worker")) {
      q.setString(1, batchId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          per.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4)});
        }
      }
    }
    Map<String, Long> beats = new LinkedHashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT worker_id, EXTRACT(EPOCH FROM now() - heartbeat_at)::bigint FROM workers WHERE worker_id = ANY(?)")) {
      q.setArray(1, c.createArrayOf("text", per.keySet().toArray()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          beats.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    List<BatchProgress.WorkerProgress> workers = new ArrayList<>();
    per.forEach(
        (w, n) ->
            workers.add(
                new BatchProgress.WorkerProgress(w, n[0], n[1], n[2], beats.getOrDefault(w, -1L))));
    return List.copyOf(workers);
  }

  /**
   * Writes the output (succeeded items, in input order) and the dead letters (failed items) from
   * the journal, each atomically (a temporary file, then a rename). Streams: the rows are read with
   * a cursor, never all held in memory.
   */
  public Export export(String batchId, Path out, Path deadLetters) throws IOException {
    int[] counts = new int[2];
    Path outTmp = tmp(out);
    Path deadTmp = tmp(deadLetters);
    try (Writer ok = Files.newBufferedWriter(outTmp, StandardCharsets.UTF_8);
        Writer dead = Files.newBufferedWriter(deadTmp, StandardCharsets.UTF_8)) {
      store.one(
          "exporting batch " + batchId,
          c -> {
            c.setAutoCommit(false); // a cursor needs a transaction
            try (PreparedStatement q =
                c.prepareStatement(
                    "SELECT status, json FROM batch_items WHERE batch_id = ? ORDER BY line, custom_id")) {
              q.setFetchSize(CHUNK);
              q.setString(1, batchId);
              try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                  boolean succeeded = "SUCCEEDED".equals(rs.getString(1));
                  Writer w = succeeded ? ok : dead;
                  w.write(rs.getString(2));
                  w.write('\n');
                  counts[succeeded ? 0 : 1]++;
                }
              }
            } catch (IOException e) {
              throw new SQLException("cannot write the output: " + e.getMessage(), e);
            } finally {
              c.rollback();
              c.setAutoCommit(true);
            }
            return null;
          });
    } catch (JournalException e) {
      Files.deleteIfExists(outTmp);
      Files.deleteIfExists(deadTmp);
      throw e;
    }
    Files.move(
        outTmp,
        out.toAbsolutePath(),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    if (counts[1] > 0 || Files.exists(deadLetters)) {
      Files.move(
          deadTmp,
          deadLetters.toAbsolutePath(),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.deleteIfExists(deadTmp);
    }
    int total = batch(batchId).map(SharedBatch::total).orElse(counts[0] + counts[1]);
    return new Export(counts[0], counts[1], Math.max(0, total - counts[0] - counts[1]));
  }

  private static Path tmp(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    return abs.resolveSibling(abs.getFileName() + ".tmp");
  }
}
