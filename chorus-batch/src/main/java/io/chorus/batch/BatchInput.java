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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a JSONL batch input: one JSON object per line; blank lines are skipped and a UTF-8
 * byte-order mark is accepted. A line that is not valid UTF-8, not a JSON object, repeats an
 * earlier {@code custom_id}, or that the workflow cannot use becomes a {@link Reject} with its line
 * number, and the other lines still run; the others become {@link BatchItem}s. A line without
 * {@code custom_id} gets {@code line-<n>} (its line number), counted in {@code derivedIds}.
 *
 * @param items usable lines, in order
 * @param rejects unusable lines, in order
 * @param derivedIds how many items were given {@code line-<n>} for want of a {@code custom_id}
 */
public record BatchInput(List<BatchItem> items, List<Reject> rejects, int derivedIds) {

  private static final ObjectMapper JSON = Json.MAPPER;

  public BatchInput(List<BatchItem> items, List<Reject> rejects) {
    this(items, rejects, 0);
  }

  public BatchInput {
    items = List.copyOf(items);
    rejects = List.copyOf(rejects);
  }

  /**
   * @param validate throws IllegalArgumentException with a message for an item the workflow cannot use
   */
  public static BatchInput read(Path file, Consumer<BatchItem> validate) throws IOException {
    List<BatchItem> items = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int derived = 0;
    MessageDigest sha = sha256();
    try (JsonlLines r = new JsonlLines(file)) {
      JsonlLines.Line next;
      while ((next = r.next()) != null) {
        int line = next.number();
        if (next.error() != null) {
          rejects.add(new Reject(line, next.error(), ""));
          continue;
        }
        String text = next.text();
        if (text.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          rejects.add(new Reject(line, "not valid JSON: " + e.getOriginalMessage(), clip(text)));
          continue;
        }
        if (!(node instanceof ObjectNode o)) {
          rejects.add(new Reject(line, "expected a JSON object", clip(text)));
          continue;
        }
        String id;
        if (o.hasNonNull("custom_id")) {
          id = o.get("custom_id").asText();
        } else {
          id = "line-" + line;
          derived++;
        }
        Integer first = seen.putIfAbsent(id, line);
        if (first != null) {
          rejects.add(new Reject(line, "duplicate custom_id '" + id + "' (first on line " + first + ")", clip(text)));
          continue;
        }
        BatchItem item = new BatchItem(line, id, digest(sha, text), o);
        try {
          validate.accept(item);
        } catch (IllegalArgumentException e) {
          rejects.add(new Reject(line, e.getMessage(), clip(text)));
          continue;
        }
        items.add(item);
      }
    }
    return new BatchInput(items, rejects, derived);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first 128 bits of the SHA-256 of a line's text, hex: {@link BatchItem#content}. */
  static String digest(MessageDigest sha, String text) {
    byte[] d = sha.digest(text.strip().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 16);
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
