package io.chorus.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.internal.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each {@link DeadLetter} to a file as one JSON object per line (JSONL): run and call ids,
 * time, error class and message, the request (model, system, messages, sampling settings, metadata)
 * and every attempt. Written with Jackson; each line is flushed at once so that a crash loses
 * nothing already failed.
 *
 * <p>Secrets never reach the file: metadata entries whose name looks like a credential ({@code
 * key}, {@code token}, {@code secret}, {@code password}, {@code authorization}) are dropped, and
 * anything shaped like an API key ({@code sk-...}, {@code xai-...}, {@code Bearer ...}) in messages
 * is replaced by {@code [redacted]}.
 *
 * <p>Thread-safe; {@link #accept} never throws (I/O errors are logged).
 */
public final class JsonlDeadLetterSink implements DeadLetterSink, Closeable {
  private static final Logger log = LoggerFactory.getLogger(JsonlDeadLetterSink.class);
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final Pattern SECRET_NAME =
      Pattern.compile("key|token|secret|password|authorization|credential");
  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "(sk-[A-Za-z0-9_\\-]{8,}|xai-[A-Za-z0-9_\\-]{8,}|(?i:bearer)\\s+[A-Za-z0-9._\\-]{8,})");

  private final ReentrantLock lock = new ReentrantLock();
  private final Path file;
  private final BufferedWriter out;

  /**
   * Opens {@code file} for appending, creating it and its directories when missing.
   *
   * @throws UncheckedIOException naming the file when it cannot be opened
   */
  public JsonlDeadLetterSink(Path file) {
    this.file = file;
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      this.out =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "dead letters: cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void accept(DeadLetter letter) {
    String line;
    try {
      line = JSON.writeValueAsString(toJson(letter));
    } catch (IOException e) {
      log.warn("dead letters: cannot encode {}", letter.callId(), e);
      return;
    }
    lock.lock();
    try {
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      log.warn("dead letters: cannot write to {}", file, e);
    } finally {
      lock.unlock();
    }
  }

  static ObjectNode toJson(DeadLetter d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("runId", d.runId());
    n.put("callId", d.callId());
    n.put("at", String.valueOf(d.at()));
    n.put("errorKind", d.errorKind());
    n.put("message", redact(d.message()));
    ChatRequest r = d.request();
    ObjectNode req = n.putObject("request");
    req.put("model", r.model().toString());
    if (r.system() != null) {
      req.put("system", redact(r.system()));
    }
    ArrayNode msgs = req.putArray("messages");
    for (Message m : r.messages()) {
      msgs.addObject().put("role", m.role().wireName()).put("content", redact(m.content()));
    }
    req.put("maxTokens", r.maxTokens());
    if (r.temperature() != null) {
      req.put("temperature", r.temperature());
    }
    ArrayNode stops = req.putArray("stopSequences");
    r.stopSequences().forEach(stops::add);
    req.put("sampleIndex", r.sampleIndex());
    ObjectNode meta = req.putObject("metadata");
    for (Map.Entry<String, String> e : r.metadata().entrySet()) {
      if (!SECRET_NAME.matcher(e.getKey().toLowerCase(Locale.ROOT)).find()) {
        meta.put(e.getKey(), redact(e.getValue()));
      }
    }
    ArrayNode attempts = n.putArray("attempts");
    for (Attempt a : d.attempts()) {
      ObjectNode an = attempts.addObject();
      an.put("number", a.number());
      an.put("model", a.model().toString());
      an.put("kind", a.kind().name());
      an.put("startedAt", String.valueOf(a.startedAt()));
      an.put("endedAt", String.valueOf(a.endedAt()));
      an.put("result", a.result().name());
      if (a.errorKind() != null) {
        an.put("errorKind", a.errorKind());
      }
      if (a.usage() != null) {
        an.putObject("usage")
            .put("inputTokens", a.usage().inputTokens())
            .put("outputTokens", a.usage().outputTokens())
            .put("cacheWriteTokens", a.usage().cacheWriteTokens())
            .put("cacheReadTokens", a.usage().cacheReadTokens());
      }
    }
    return n;
  }

  private static String redact(String s) {
    return s == null ? null : SECRET_VALUE.matcher(s).replaceAll("[redacted]");
  }

  @Override
  public void close() {
    lock.lock();
    try {
      out.close();
    } catch (IOException e) {
      log.warn("dead letters: cannot close {}", file, e);
    } finally {
      lock.unlock();
    }
  }
}
