package io.chorus.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.providers.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link BatchLedger} in a JSON Lines file ({@code {"submitted":ID,"provider":P,"ids":[…]}} and
 * {@code {"ended":ID,"provider":P}}), or in memory when the path is null. A torn last line (a kill
 * mid-write) is ignored on reading: the batch it named was not yet polled, and its record is
 * written again by nobody, so its requests are submitted again — the one window where a kill can
 * pay twice, a few milliseconds long. Thread-safe.
 */
final class FileBatchLedger implements BatchLedger {
  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Submission> byId = new LinkedHashMap<>();

  FileBatchLedger(Path file) {
    this.file = file;
    if (file != null && Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          read(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the batch ledger " + file + ": " + e, e);
      }
    }
  }

  private void read(String line) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(line);
    } catch (IOException e) {
      return; // a torn last line
    }
    if (n == null) {
      return;
    }
    String provider = n.path("provider").asText();
    if (n.hasNonNull("submitted")) {
      List<String> ids = new ArrayList<>();
      n.path("ids").forEach(id -> ids.add(id.asText()));
      String id = n.get("submitted").asText();
      byId.put(provider + "\u0000" + id, new Submission(provider, id, ids, false));
    } else if (n.hasNonNull("ended")) {
      String key = provider + "\u0000" + n.get("ended").asText();
      Submission s = byId.get(key);
      if (s != null) {
        byId.put(key, new Submission(s.provider(), s.batchId(), s.customIds(), true));
      }
    }
  }

  @Override
  public void submitted(Submission s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("submitted", s.batchId());
    n.put("provider", s.provider());
    var ids = n.putArray("ids");
    s.customIds().forEach(ids::add);
    lock.lock();
    try {
      append(n);
      byId.put(
          s.provider() + "\u0000" + s.batchId(),
          new Submission(s.provider(), s.batchId(), s.customIds(), false));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void ended(String provider, String batchId) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("ended", batchId);
    n.put("provider", provider);
    lock.lock();
    try {
      Submission s = byId.get(provider + "\u0000" + batchId);
      if (s == null || s.ended()) {
        return;
      }
      append(n);
      byId.put(
          provider + "\u0000" + batchId,
          new Submission(s.provider(), s.batchId(), s.customIds(), true));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Submission> submissions() {
    lock.lock();
    try {
      return List.copyOf(byId.values());
    } finally {
      lock.unlock();
    }
  }

  private void append(ObjectNode n) {
    if (file == null) {
      return;
    }
    byte[] line = (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (FileChannel ch =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the batch ledger " + file + ": " + e, e);
    }
  }
}
