package io.chorus.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two batch APIs with their real shapes and statuses: Anthropic Message Batches ({@code
 * /v1/messages/batches}: create, retrieve, list, results JSONL, cancel, delete) and OpenAI Batch
 * ({@code /v1/files} upload and content, {@code /v1/batches}: create, retrieve, list, cancel).
 *
 * <p>Each request of a batch is answered when the batch is created, by the same machinery as a
 * normal call ({@link CallPipeline#batchItem}: scripted rules, votes, echo, faults as per-item
 * errors, usage), and becomes visible as the clock passes: items finish evenly over {@link
 * BatchSettings#processingTime}, and those not finished {@link BatchSettings#expiresAfter} after
 * creation end expired. An item may carry {@code x_chorus_sample} (a simulator extension, beside
 * {@code custom_id}) that seeds its answer as the {@code x-chorus-sample} header seeds a call's.
 *
 * <p>Thread-safe: batches and files live in concurrent maps; a batch is immutable but for its
 * cancel time.
 */
final class BatchService {
  private static final String JSON = "application/json";

  private final Settings settings;
  private final CallPipeline pipeline;
  private final Protocol anthropic;
  private final Protocol openai;
  private final Map<String, SimBatch> batches = new ConcurrentHashMap<>();
  private final Map<String, SimFile> files = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  BatchService(Settings settings, CallPipeline pipeline, Protocol anthropic, Protocol openai) {
    this.settings = settings;
    this.pipeline = pipeline;
    this.anthropic = anthropic;
    this.openai = openai;
  }

  void reset() {
    batches.clear();
    files.clear();
  }

  /** One request of a batch. */
  private record Item(String customId, BatchItemResult result) {}

  /** A file uploaded or produced. */
  private record SimFile(String id, String purpose, String filename, byte[] bytes, long created) {}

  /** One batch; only {@link #cancelNanos} changes. */
  private static final class SimBatch {
    final String id;
    final boolean anthropicShape;
    final long createdNanos;
    final long createdAt;
    final List<Item> items;
    final String inputFileId;
    final JsonNode metadata;
    final String endpoint;
    final String failure; // OpenAI validation failure, or null
    volatile long cancelNanos = -1;
    volatile long cancelAt;
    String outputFileId;
    String errorFileId;

    SimBatch(
        String id,
        boolean anthropicShape,
        long createdNanos,
        long createdAt,
        List<Item> items,
        String inputFileId,
        JsonNode metadata,
        String endpoint,
        String failure) {
      this.id = id;
      this.anthropicShape = anthropicShape;
      this.createdNanos = createdNanos;
      this.createdAt = createdAt;
      this.items = items;
      this.inputFileId = inputFileId;
      this.metadata = metadata;
      this.endpoint = endpoint;
      this.failure = failure;
    }
  }

  /** Where a batch is, at one instant. */
  private record View(
      String status,
      boolean ended,
      int succeeded,
      int errored,
      int canceled,
      int expired,
      int processing,
      boolean[] done,
      long endedAt) {}

  /** Whether {@code path} (without a stand-in prefix) is one of the batch APIs'. */
  static boolean handles(String path) {
    String p = path.startsWith("/v1/") ? path.substring(3) : path;
    return p.equals("/messages/batches")
        || p.startsWith("/messages/batches/")
        || p.equals("/files")
        || p.startsWith("/files/")
        || p.equals("/batches")
        || p.startsWith("/batches/");
  }

  void handle(Exchange ex, String path, String standIn) throws IOException {
    HttpRequest req = ex.request();
    String p = path.startsWith("/v1/") ? path.substring(3) : path;
    String method = req.method();
    boolean anth = p.startsWith("/messages/");
    Protocol proto = anth ? anthropic : openai;
    if (settings.requireApiKey()
        && req.header("x-api-key") == null
        && req.header("authorization") == null) {
      error(ex, proto, ErrorKind.AUTHENTICATION, "invalid x-api-key / missing API key");
      return;
    }
    String[] parts = p.substring(1).split("/");
    if (anth) {
      // messages, batches[, id[, results|cancel]]
      if (parts.length == 2) {
        switch (method) {
          case "POST" -> anthropicCreate(ex, standIn);
          case "GET" -> list(ex, true);
          default -> error(ex, proto, ErrorKind.INVALID_REQUEST, "Method not allowed: " + method);
        }
        return;
      }
      SimBatch b = batches.get(parts[2]);
      if (b == null || !b.anthropicShape) {
        error(ex, proto, ErrorKind.NOT_FOUND, "message batch " + parts[2] + " not found");
        return;
      }
      String action = parts.length > 3 ? parts[3] : "";
      switch (method + " " + action) {
        case "GET " -> json(ex, 200, anthropicObject(b, ex, standIn));
        case "GET results" -> anthropicResults(ex, b);
        case "POST cancel" -> {
          cancel(b);
          json(ex, 200, anthropicObject(b, ex, standIn));
        }
        case "DELETE " -> {
          if (!view(b).ended()) {
            error(
                ex,
                proto,
                ErrorKind.INVALID_REQUEST,
                "Batch " + b.id + " cannot be deleted while it is processing; cancel it first");
            return;
          }
          batches.remove(b.id);
          json(ex, 200, "{\"id\":\"" + b.id + "\",\"type\":\"message_batch_deleted\"}");
        }
        default -> error(ex, proto, ErrorKind.NOT_FOUND, "Not found: " + method + " " + path);
      }
      return;
    }
    if (parts[0].equals("files")) {
      if (parts.length == 1 && method.equals("POST")) {
        upload(ex);
        return;
      }
      SimFile f = parts.length > 1 ? files.get(parts[1]) : null;
      if (f == null) {
        error(ex, proto, ErrorKind.NOT_FOUND, "No such File object: " + path);
        return;
      }
      if (parts.length == 2 && method.equals("GET")) {
        json(ex, 200, fileObject(f));
      } else if (parts.length == 3 && parts[2].equals("content") && method.equals("GET")) {
        ex.respond(200, List.of(), "application/octet-stream", f.bytes());
      } else if (parts.length == 2 && method.equals("DELETE")) {
        files.remove(f.id());
        json(ex, 200, "{\"id\":\"" + f.id() + "\",\"object\":\"file\",\"deleted\":true}");
      } else {
        error(ex, proto, ErrorKind.NOT_FOUND, "Not found: " + method + " " + path);
      }
      return;
    }
    // batches[, id[, cancel]]
    if (parts.length == 1) {
      switch (method) {
        case "POST" -> openaiCreate(ex, standIn);
        case "GET" -> list(ex, false);
        default -> error(ex, proto, ErrorKind.INVALID_REQUEST, "Method not allowed: " + method);
      }
      return;
    }
    SimBatch b = batches.get(parts[1]);
    if (b == null || b.anthropicShape) {
      error(ex, proto, ErrorKind.NOT_FOUND, "No batch found with id '" + parts[1] + "'");
      return;
    }
    if (parts.length == 2 && method.equals("GET")) {
      json(ex, 200, openaiObject(b));
    } else if (parts.length == 3 && parts[2].equals("cancel") && method.equals("POST")) {
      cancel(b);
      json(ex, 200, openaiObject(b));
    } else {
      error(ex, proto, ErrorKind.NOT_FOUND, "Not found: " + method + " " + path);
    }
  }

  // ---- Anthropic ----

  private void anthropicCreate(Exchange ex, String standIn) throws IOException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(ex.request().body());
    } catch (IOException e) {
      error(ex, anthropic, ErrorKind.INVALID_REQUEST, "requests: the body is not valid JSON");
      return;
    }
    JsonNode requests = root == null ? null : root.get("requests");
    if (requests == null || !requests.isArray() || requests.isEmpty()) {
      error(ex, anthropic, ErrorKind.INVALID_REQUEST, "requests: at least one request is required");
      return;
    }
    int max = settings.batches().maxRequests() > 0 ? settings.batches().maxRequests() : 100_000;
    if (requests.size() > max) {
      error(
          ex,
          anthropic,
          ErrorKind.INVALID_REQUEST,
          "requests: a batch may contain at most " + max + " requests, got " + requests.size());
      return;
    }
    Set<String> seen = new HashSet<>();
    List<Item> items = new ArrayList<>(requests.size());
    Map<String, String> headers = itemHeaders(ex.request());
    for (int i = 0; i < requests.size(); i++) {
      JsonNode r = requests.get(i);
      String id = r.path("custom_id").asText(null);
      JsonNode params = r.get("params");
      if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}") || params == null) {
        error(
            ex,
            anthropic,
            ErrorKind.INVALID_REQUEST,
            "requests."
                + i
                + ": custom_id (1-64 characters of [a-zA-Z0-9_-]) and params are required");
        return;
      }
      if (!seen.add(id)) {
        error(
            ex,
            anthropic,
            ErrorKind.INVALID_REQUEST,
            "requests." + i + ".custom_id: duplicate custom_id '" + id + "'");
        return;
      }
      items.add(new Item(id, answer(anthropic, headers, params, r, standIn)));
    }
    SimBatch b = newBatch("msgbatch_", true, items, null, null, null, null);
    json(ex, 200, anthropicObject(b, ex, standIn));
  }

  private String anthropicObject(SimBatch b, Exchange ex, String standIn) {
    View v = view(b);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", b.id);
    o.put("type", "message_batch");
    o.put("processing_status", v.status());
    ObjectNode c = o.putObject("request_counts");
    c.put("processing", v.processing());
    c.put("succeeded", v.succeeded());
    c.put("errored", v.errored());
    c.put("canceled", v.canceled());
    c.put("expired", v.expired());
    o.put("ended_at", v.ended() ? iso(v.endedAt()) : null);
    o.put("created_at", iso(b.createdAt));
    o.put("expires_at", iso(b.createdAt + 24 * 3600));
    o.putNull("archived_at");
    o.put("cancel_initiated_at", b.cancelNanos >= 0 ? iso(b.cancelAt) : null);
    if (v.ended()) {
      String host = ex.request().header("host");
      o.put(
          "results_url",
          (ex.secure() ? "https://" : "http://")
              + (host == null ? "127.0.0.1" : host)
              + (standIn == null ? "" : "/" + standIn)
              + "/v1/messages/batches/"
              + b.id
              + "/results");
    } else {
      o.putNull("results_url");
    }
    return o.toString();
  }

  private void anthropicResults(Exchange ex, SimBatch b) throws IOException {
    View v = view(b);
    if (!v.ended()) {
      error(
          ex,
          anthropic,
          ErrorKind.INVALID_REQUEST,
          "Message batch " + b.id + " is still " + v.status() + "; results are ready once it ends");
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.items.size(); i++) {
      Item it = b.items.get(i);
      sb.append("{\"custom_id\":").append(Json.quote(it.customId())).append(",\"result\":");
      if (v.done()[i]) {
        if (it.result().succeeded()) {
          sb.append("{\"type\":\"succeeded\",\"message\":").append(it.result().body()).append('}');
        } else {
          sb.append("{\"type\":\"errored\",\"error\":").append(it.result().body()).append('}');
        }
      } else {
        sb.append(b.cancelNanos >= 0 ? "{\"type\":\"canceled\"}" : "{\"type\":\"expired\"}");
      }
      sb.append("}\n");
    }
    ex.respond(
        200, List.of(), "application/binary", sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  // ---- OpenAI ----

  private void upload(Exchange ex) throws IOException {
    HttpRequest req = ex.request();
    Map<String, Multipart.Part> form;
    try {
      form = Multipart.parse(req.header("content-type"), req.body());
    } catch (IllegalArgumentException e) {
      error(ex, openai, ErrorKind.INVALID_REQUEST, e.getMessage());
      return;
    }
    Multipart.Part file = form.get("file");
    Multipart.Part purpose = form.get("purpose");
    if (file == null || purpose == null) {
      error(ex, openai, ErrorKind.INVALID_REQUEST, "'file' and 'purpose' are required form fields");
      return;
    }
    SimFile f =
        new SimFile(
            "file-" + id(),
            new String(purpose.bytes(), StandardCharsets.UTF_8).strip(),
            file.filename() == null ? "upload" : file.filename(),
            file.bytes(),
            settings.time().now().getEpochSecond());
    files.put(f.id(), f);
    json(ex, 200, fileObject(f));
  }

  private static String fileObject(SimFile f) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", f.id());
    o.put("object", "file");
    o.put("bytes", f.bytes().length);
    o.put("created_at", f.created());
    o.put("filename", f.filename());
    o.put("purpose", f.purpose());
    o.put("status", "processed");
    o.putNull("expires_at");
    o.putNull("status_details");
    return o.toString();
  }

  private void openaiCreate(Exchange ex, String standIn) throws IOException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(ex.request().body());
    } catch (IOException e) {
      error(ex, openai, ErrorKind.INVALID_REQUEST, "We could not parse the JSON body");
      return;
    }
    String fileId = root == null ? null : root.path("input_file_id").asText(null);
    String endpoint = root == null ? null : root.path("endpoint").asText(null);
    SimFile input = fileId == null ? null : files.get(fileId);
    if (input == null) {
      error(ex, openai, ErrorKind.INVALID_REQUEST, "input_file_id: no such file '" + fileId + "'");
      return;
    }
    if (!"/v1/chat/completions".equals(endpoint)) {
      error(
          ex,
          openai,
          ErrorKind.INVALID_REQUEST,
          "endpoint: the simulator supports '/v1/chat/completions', got '" + endpoint + "'");
      return;
    }
    if (!"24h".equals(root.path("completion_window").asText(""))) {
      error(ex, openai, ErrorKind.INVALID_REQUEST, "completion_window: must be '24h'");
      return;
    }
    int max = settings.batches().maxRequests() > 0 ? settings.batches().maxRequests() : 50_000;
    List<Item> items = new ArrayList<>();
    String failure = null;
    Set<String> seen = new HashSet<>();
    Map<String, String> headers = itemHeaders(ex.request());
    String[] lines = new String(input.bytes(), StandardCharsets.UTF_8).split("\n");
    int n = 0;
    for (int i = 0; i < lines.length && failure == null; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      if (++n > max) {
        failure = "too_many_requests: a batch may contain at most " + max + " requests";
        break;
      }
      JsonNode line;
      try {
        line = Json.MAPPER.readTree(lines[i]);
      } catch (IOException e) {
        failure = "invalid_json_line: line " + (i + 1) + " is not valid JSON";
        break;
      }
      String id = line.path("custom_id").asText(null);
      JsonNode body = line.get("body");
      if (id == null || body == null || !body.isObject()) {
        failure = "missing_required_parameter: line " + (i + 1) + " needs custom_id and body";
      } else if (!endpoint.equals(line.path("url").asText(""))) {
        failure = "mismatched_url: line " + (i + 1) + " url must be " + endpoint;
      } else if (!seen.add(id)) {
        failure = "duplicate_custom_id: line " + (i + 1) + " repeats custom_id '" + id + "'";
      } else {
        items.add(new Item(id, answer(openai, headers, body, line, standIn)));
      }
    }
    SimBatch b =
        newBatch(
            "batch_",
            false,
            failure == null ? items : List.of(),
            fileId,
            root.get("metadata"),
            endpoint,
            failure);
    json(ex, 200, openaiObject(b));
  }

  private String openaiObject(SimBatch b) {
    View v = view(b);
    long v0 = validatingNanos();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", b.id);
    o.put("object", "batch");
    o.put("endpoint", b.endpoint);
    if (b.failure != null) {
      ObjectNode errors = o.putObject("errors");
      errors.put("object", "list");
      int colon = b.failure.indexOf(':');
      errors
          .putArray("data")
          .addObject()
          .put("code", b.failure.substring(0, colon))
          .put("message", b.failure.substring(colon + 2));
    } else {
      o.putNull("errors");
    }
    o.put("input_file_id", b.inputFileId);
    o.put("completion_window", "24h");
    o.put("status", v.status());
    if (v.ended() && b.failure == null) {
      files(b, v);
    }
    o.put("output_file_id", b.outputFileId);
    o.put("error_file_id", b.errorFileId);
    o.put("created_at", b.createdAt);
    long elapsed = settings.time().nanoTime() - b.createdNanos;
    putTime(o, "in_progress_at", b, elapsed >= v0 && b.failure == null ? v0 : -1);
    o.put("expires_at", b.createdAt + 24 * 3600);
    putTime(
        o,
        "finalizing_at",
        b,
        v.status().equals("finalizing") || v.status().equals("completed")
            ? v0 + settings.batches().processingTime().toNanos()
            : -1);
    o.put("completed_at", v.status().equals("completed") ? v.endedAt() : null);
    o.put("failed_at", b.failure != null ? b.createdAt : null);
    o.put("expired_at", v.status().equals("expired") ? v.endedAt() : null);
    o.put("cancelling_at", b.cancelNanos >= 0 ? b.cancelAt : null);
    o.put("cancelled_at", v.status().equals("cancelled") ? v.endedAt() : null);
    ObjectNode c = o.putObject("request_counts");
    c.put("total", b.items.size());
    c.put("completed", v.succeeded());
    c.put("failed", v.errored());
    if (b.metadata != null && b.metadata.isObject()) {
      o.set("metadata", b.metadata);
    } else {
      o.putNull("metadata");
    }
    return o.toString();
  }

  private void putTime(ObjectNode o, String field, SimBatch b, long offsetNanos) {
    if (offsetNanos < 0) {
      o.putNull(field);
    } else {
      o.put(field, b.createdAt + offsetNanos / 1_000_000_000L);
    }
  }

  /** Writes the output and error files of an ended OpenAI batch, once. */
  private void files(SimBatch b, View v) {
    synchronized (b) { // no I/O inside: a short critical section on an in-memory object
      if (b.outputFileId != null || b.errorFileId != null) {
        return;
      }
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      SplittableRandom r = Seeds.random(settings.seed(), Seeds.hash(b.id), 0xB7);
      for (int i = 0; i < b.items.size(); i++) {
        Item it = b.items.get(i);
        String head =
            "{\"id\":\"batch_req_"
                + WireIds.hex("", 24, r)
                + "\",\"custom_id\":"
                + Json.quote(it.customId())
                + ",";
        if (!v.done()[i]) {
          String code = b.cancelNanos >= 0 ? "batch_cancelled" : "batch_expired";
          String message =
              b.cancelNanos >= 0
                  ? "This request was cancelled before it was executed."
                  : "This request could not be executed before the completion window expired.";
          err.append(head)
              .append("\"response\":null,\"error\":{\"code\":\"")
              .append(code)
              .append("\",\"message\":\"")
              .append(message)
              .append("\"}}\n");
          continue;
        }
        String response =
            "\"response\":{\"status_code\":"
                + it.result().status()
                + ",\"request_id\":\""
                + WireIds.hex("", 32, r)
                + "\",\"body\":"
                + it.result().body()
                + "},\"error\":null}\n";
        (it.result().succeeded() ? out : err).append(head).append(response);
      }
      if (!out.isEmpty()) {
        b.outputFileId = output(b.id + "_output.jsonl", out);
      }
      if (!err.isEmpty()) {
        b.errorFileId = output(b.id + "_error.jsonl", err);
      }
    }
  }

  /** Stores a batch's output or error file; returns its id. */
  private String output(String name, StringBuilder text) {
    SimFile f =
        new SimFile(
            "file-" + id(),
            "batch_output",
            name,
            text.toString().getBytes(StandardCharsets.UTF_8),
            settings.time().now().getEpochSecond());
    files.put(f.id(), f);
    return f.id();
  }

  // ---- shared ----

  private void list(Exchange ex, boolean anth) throws IOException {
    List<SimBatch> all =
        batches.values().stream()
            .filter(b -> b.anthropicShape == anth)
            .sorted((x, y) -> Long.compare(y.createdNanos, x.createdNanos))
            .toList();
    ArrayNode data = Json.MAPPER.createArrayNode();
    for (SimBatch b : all) {
      data.add(Json.MAPPER.readTree(anth ? anthropicObject(b, ex, null) : openaiObject(b)));
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (anth) {
      o.set("data", data);
      o.put("has_more", false);
      o.put("first_id", all.isEmpty() ? null : all.get(0).id);
      o.put("last_id", all.isEmpty() ? null : all.get(all.size() - 1).id);
    } else {
      o.put("object", "list");
      o.set("data", data);
      o.put("first_id", all.isEmpty() ? null : all.get(0).id);
      o.put("last_id", all.isEmpty() ? null : all.get(all.size() - 1).id);
      o.put("has_more", false);
    }
    json(ex, 200, o.toString());
  }

  private BatchItemResult answer(
      Protocol p, Map<String, String> headers, JsonNode body, JsonNode item, String standIn) {
    JsonNode sample = item.get("x_chorus_sample");
    long salt = sample == null || sample.isNull() ? 0 : Seeds.hash(sample.asText());
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      return BatchItemResult.error(p, ErrorKind.INVALID_REQUEST, "params: not encodable");
    }
    return pipeline.batchItem(p, headers, bytes, salt, standIn);
  }

  private static Map<String, String> itemHeaders(HttpRequest req) {
    Map<String, String> h = new HashMap<>();
    for (String name : List.of("x-api-key", "authorization", "anthropic-version")) {
      if (req.header(name) != null) {
        h.put(name, req.header(name));
      }
    }
    h.put("content-type", JSON);
    return h;
  }

  private SimBatch newBatch(
      String prefix,
      boolean anth,
      List<Item> items,
      String inputFileId,
      JsonNode metadata,
      String endpoint,
      String failure) {
    SimBatch b =
        new SimBatch(
            prefix + id(),
            anth,
            settings.time().nanoTime(),
            settings.time().now().getEpochSecond(),
            List.copyOf(items),
            inputFileId,
            metadata,
            endpoint,
            failure);
    batches.put(b.id, b);
    return b;
  }

  private void cancel(SimBatch b) {
    synchronized (b) { // in-memory state only
      if (b.cancelNanos < 0 && !view(b).ended()) {
        b.cancelNanos = settings.time().nanoTime() - b.createdNanos;
        b.cancelAt = settings.time().now().getEpochSecond();
      }
    }
  }

  private String id() {
    SplittableRandom r = Seeds.random(settings.seed(), ids.incrementAndGet(), 0xBA);
    return WireIds.base62("", 24, r);
  }

  /** OpenAI's validating phase, and its finalizing one: a tenth of the processing time. */
  private long validatingNanos() {
    return settings.batches().processingTime().toNanos() / 10;
  }

  private View view(SimBatch b) {
    int n = b.items.size();
    long t = settings.time().nanoTime() - b.createdNanos;
    long processing = settings.batches().processingTime().toNanos();
    long expires = settings.batches().expiresAfter().toNanos();
    long v0 = b.anthropicShape ? 0 : validatingNanos();
    long cancel = b.cancelNanos;
    long grace = Math.max(1_000_000L, processing / 10);
    long limit = Math.min(t, expires);
    if (cancel >= 0) {
      limit = Math.min(limit, cancel);
    }
    boolean[] done = new boolean[n];
    int succeeded = 0;
    int errored = 0;
    for (int i = 0; i < n; i++) {
      long finish = v0 + processing * (i + 1) / n;
      if (finish <= limit && finish <= expires) {
        done[i] = true;
        if (b.items.get(i).result().succeeded()) {
          succeeded++;
        } else {
          errored++;
        }
      }
    }
    int rest = n - succeeded - errored;
    long endOffset;
    String status;
    boolean ended;
    boolean expired = false;
    if (b.failure != null) {
      return new View("failed", true, 0, 0, 0, 0, 0, done, b.createdAt);
    }
    if (cancel >= 0) {
      endOffset = cancel + grace;
      ended = t >= endOffset;
      status =
          b.anthropicShape ? (ended ? "ended" : "canceling") : (ended ? "cancelled" : "cancelling");
    } else if (expires < v0 + processing) {
      endOffset = expires;
      ended = t >= expires;
      expired = ended;
      status =
          b.anthropicShape
              ? (ended ? "ended" : "in_progress")
              : (ended ? "expired" : t < v0 ? "validating" : "in_progress");
    } else {
      endOffset = v0 + processing + (b.anthropicShape ? 0 : v0);
      ended = t >= endOffset;
      if (b.anthropicShape) {
        status = ended ? "ended" : "in_progress";
      } else {
        status =
            ended
                ? "completed"
                : t < v0 ? "validating" : t < v0 + processing ? "in_progress" : "finalizing";
      }
    }
    long endedAt = b.createdAt + endOffset / 1_000_000_000L;
    int canceled = ended && cancel >= 0 ? rest : 0;
    int expiredCount = ended && expired ? rest : 0;
    return new View(
        status, ended, succeeded, errored, canceled, expiredCount, ended ? 0 : rest, done, endedAt);
  }

  private static String iso(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }

  private static void json(Exchange ex, int status, String body) throws IOException {
    ex.respond(status, List.of(), JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void error(Exchange ex, Protocol p, ErrorKind kind, String message)
      throws IOException {
    json(ex, p.status(kind), p.errorBody(kind, message));
  }
}
