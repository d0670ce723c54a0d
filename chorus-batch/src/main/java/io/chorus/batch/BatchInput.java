package io.chorus.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.internal.JsonlLines;
import io.chorus.common.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a JSONL batch input one line at a time (the file is never held in memory): one JSON object
 * per line; blank lines are skipped and a UTF-8 byte-order mark is accepted. A line that is not
 * valid UTF-8 or not a JSON object is a {@link Reject} with its line number, and reading goes on;
 * the others are {@link BatchItem}s. A line without {@code custom_id} gets {@code line-<n>} (its
 * line number), counted in {@link #derivedIds}. Duplicate ids and lines the workflow cannot use are
 * the {@link BatchRunner}'s to find (it sees the whole input).
 *
 * <p>Not thread-safe.
 *
 * {@snippet :
 * try (BatchInput in = BatchInput.open(Path.of("in.jsonl"))) {
 *   for (InputLine l = in.next(); l != null; l = in.next()) {
 *     if (l instanceof BatchItem item) {
 *       System.out.println(item.customId());
 *     }
 *   }
 * }
 * }
 */
public final class BatchInput implements AutoCloseable {

  private static final ObjectMapper JSON = Json.MAPPER;

  private final JsonlLines lines;
  private final MessageDigest sha;
  private int derived;

  private BatchInput(JsonlLines lines) {
    this.lines = lines;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens {@code file} for reading. */
  public static BatchInput open(Path file) throws IOException {
    return new BatchInput(new JsonlLines(file));
  }

  /** The next non-blank line, as an item or a reject; null at the end of the file. */
  public InputLine next() throws IOException {
    JsonlLines.Line next;
    while ((next = lines.next()) != null) {
      int line = next.number();
      if (next.error() != null) {
        return new Reject(line, next.error(), "");
      }
      String text = next.text();
      if (text.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        return new Reject(line, "not valid JSON: " + e.getOriginalMessage(), Reject.clip(text));
      }
      if (!(node instanceof ObjectNode o)) {
        return new Reject(line, "expected a JSON object", Reject.clip(text));
      }
      String id;
      if (o.hasNonNull("custom_id")) {
        id = o.get("custom_id").asText();
      } else {
        id = "line-" + line;
        derived++;
      }
      return new BatchItem(line, id, digest(text), o);
    }
    return null;
  }

  /** Lines read so far that had no {@code custom_id} and were given {@code line-<n>}. */
  public int derivedIds() {
    return derived;
  }

  /** The first 128 bits of the SHA-256 of a line's text, hex: {@link BatchItem#content}. */
  private String digest(String text) {
    byte[] d = sha.digest(text.strip().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 16);
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
