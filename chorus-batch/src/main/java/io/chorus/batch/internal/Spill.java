package io.chorus.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.batch.JournalStore;
import io.chorus.common.internal.Json;
import io.chorus.core.ChatResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where paid responses and finished items go when the journal cannot take them (disk full under the
 * journal): a JSONL file beside the output ({@code out.jsonl.spill}), each line forced to disk
 * before {@link #response}/{@link #item} return. The next run of the batch imports it into the
 * journal ({@link #importInto}) before anything else and deletes it, so nothing paid for is lost
 * and nothing is paid twice. Created on the first write only.
 *
 * <p>When that file cannot be written either (the output shares the journal's full disk), the
 * records go to {@link #fallback} in the temporary directory ({@code java.io.tmpdir}, usually
 * {@code $TMPDIR} or {@code /tmp}), named after the spill file's path so that the next run finds
 * it: {@link #importInto} reads both, and {@link #where} names the one holding records.
 *
 * <p>Thread-safe.
 */
public final class Spill implements AutoCloseable {

  private static final ObjectMapper JSON = Json.MAPPER;

  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private FileChannel channel;
  private long written;
  private long lost;
  private boolean usingFallback;

  public Spill(Path file) {
    this.file = file;
  }

  /** The file records go to now: the spill file, or its {@link #fallback} once that failed. */
  public Path file() {
    lock.lock();
    try {
      return usingFallback ? fallback(file) : file;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Where the records of {@code file} go when it cannot be written: {@code chorus-<name>-<hash of
   * its absolute path>} in {@code java.io.tmpdir}.
   */
  public static Path fallback(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return Path.of(System.getProperty("java.io.tmpdir"))
        .resolve(
            "chorus-"
                + abs.getFileName()
                + "-"
                + Integer.toHexString(abs.toString().hashCode())
                + ".jsonl");
  }

  /**
   * The file holding the records kept for {@code file}: its {@link #fallback} when that exists (the
   * spill file's own disk was full), else {@code file}.
   */
  public static Path where(Path file) {
    Path f = fallback(file);
    return Files.exists(f) ? f : file;
  }

  /** Keeps a response the journal could not store. */
  public void response(String identity, String batchId, ChatResponse response) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "response");
    n.put("batch_id", batchId);
    n.put("identity", identity);
    n.put("response", ResponseCodec.encode(response));
    write(n);
  }

  /** Keeps a finished item the journal could not record. */
  public void item(String batchId, ItemRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "item");
    n.put("batch_id", batchId);
    n.put("custom_id", r.customId());
    n.put("line", r.line());
    n.put("content", r.content());
    n.put("status", r.status().name());
    n.put("json", r.json());
    write(n);
  }

  private void write(ObjectNode n) {
    byte[] bytes = (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      try {
        append(bytes);
      } catch (IOException e) {
        if (usingFallback) {
          throw e;
        }
        // the spill file's disk is full too (it sits beside the output, often on the journal's
        // disk): the rest goes to the temporary directory, a partial line left here is skipped
        // by the import
        closeChannel();
        try {
          if (Files.size(file) == 0) {
            Files.delete(file); // created, nothing written: no empty file left on the full disk
          }
        } catch (IOException gone) {
          // never created
        }
        usingFallback = true;
        append(bytes);
      }
      written++;
    } catch (IOException e) {
      lost++; // even the temporary directory is full: counted, and the run's message says so
    } finally {
      lock.unlock();
    }
  }

  private void append(byte[] bytes) throws IOException {
    if (channel == null) {
      Path target = usingFallback ? fallback(file) : file;
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      channel =
          FileChannel.open(
              target,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      channel.write(b);
    }
    channel.force(false);
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // what it held was forced line by line
      }
      channel = null;
    }
  }

  /** Records kept in the file by this run. */
  public long written() {
    return written;
  }

  /** Records that could not be written even here. */
  public long lost() {
    return lost;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closeChannel();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Imports a spill file left by an earlier run into the journal (responses, then items, as they
   * come), then deletes it; returns how many records it held. A line cut short by a crash is
   * skipped.
   *
   * @throws io.chorus.batch.JournalException when the journal still cannot take them (the file is
   *     kept)
   */
  public static long importInto(Path file, JournalStore store) throws IOException {
    // the fallback first: records go there only after the spill file failed, so they are newer
    return importOne(file, store) + importOne(fallback(file), store);
  }

  private static long importOne(Path file, JournalStore store) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode j;
        try {
          j = JSON.readTree(line);
        } catch (IOException e) {
          continue;
        }
        String batch = j.path("batch_id").asText();
        if ("response".equals(j.path("kind").asText())) {
          store.putResponse(
              j.path("identity").asText(),
              batch,
              ResponseCodec.decode(j.path("response").asText()));
        } else {
          store.finishItem(
              batch,
              new ItemRecord(
                  0,
                  j.path("line").asInt(),
                  j.path("custom_id").asText(),
                  j.path("content").asText(null),
                  ItemStatus.valueOf(j.path("status").asText()),
                  j.path("json").asText()));
        }
        n++;
      }
    }
    Files.delete(file);
    return n;
  }
}
