package io.chorus.sim.internal;

import io.chorus.sim.SimStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Routes requests: the two chat APIs (with or without the {@code /v1} prefix, since SDK base URLs
 * differ), their batch APIs ({@link BatchService}), {@code GET /v1/models}, and the simulator's own
 * {@code /_sim/stats} and {@code /_sim/reset}. Thread-safe.
 */
public final class Router implements SimServer.Handler {
  /** The providers the simulator stands in for under a path prefix ({@code /anthropic/v1/...}). */
  public static final java.util.Set<String> STAND_INS =
      java.util.Set.of("anthropic", "openai", "xai");

  private final Settings settings;
  private final StatsRecorder stats;
  private final CallPipeline pipeline;
  private final BatchService batches;
  private final Protocol anthropic = new AnthropicProtocol();
  private final Protocol openai = new OpenAiProtocol();

  public Router(Settings settings, StatsRecorder stats) {
    this.settings = settings;
    this.stats = stats;
    this.pipeline = new CallPipeline(settings, stats);
    this.batches = new BatchService(settings, pipeline, anthropic, openai);
  }

  /** Zeroes stats and forgets rate-limit buckets, cache entries and fault counters. */
  public void reset() {
    stats.reset();
    pipeline.reset();
    batches.reset();
  }

  @Override
  public void handle(Exchange ex) throws IOException {
    HttpRequest req = ex.request();
    String path = req.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    // under /anthropic, /openai or /xai the simulator stands in for that provider: only its models
    String standIn = null;
    int slash = path.indexOf('/', 1);
    if (slash > 0 && STAND_INS.contains(path.substring(1, slash))) {
      standIn = path.substring(1, slash);
      path = path.substring(slash);
    }
    boolean post = req.method().equals("POST");
    boolean get = req.method().equals("GET");
    Protocol proto =
        req.header("anthropic-version") != null || req.header("x-api-key") != null
            ? anthropic
            : openai;
    if ((path.startsWith("/_sim/") || path.equals("/_sim")) && !loopbackHost(req.header("host"))) {
      // a page on another site can make a browser POST here (DNS rebinding): its Host names that
      // site
      String message =
          "the simulator's control endpoints answer only requests whose Host is 127.0.0.1, localhost or [::1], not "
              + req.header("host");
      json(
          ex,
          403,
          ("{\"error\":{\"type\":\"permission_error\",\"message\":" + Json.quote(message) + "}}")
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    switch (path) {
      case "/v1/messages", "/messages" -> {
        if (post) {
          pipeline.handle(ex, anthropic, standIn);
        } else {
          methodNotAllowed(ex, anthropic);
        }
      }
      case "/v1/chat/completions", "/chat/completions" -> {
        if (post) {
          pipeline.handle(ex, openai, standIn);
        } else {
          methodNotAllowed(ex, openai);
        }
      }
      case "/v1/models", "/models" -> {
        if (get) {
          models(ex, proto == anthropic);
        } else {
          methodNotAllowed(ex, proto);
        }
      }
      case "/_sim/stats" -> json(ex, 200, Json.MAPPER.writeValueAsBytes(stats.snapshot()));
      case "/_sim/reset" -> {
        if (post) {
          reset();
          json(ex, 200, "{\"reset\":true}".getBytes(StandardCharsets.UTF_8));
        } else {
          methodNotAllowed(ex, openai);
        }
      }
      case "/", "/_sim/health" ->
          ex.respond(
              200,
              List.of(),
              "text/plain; charset=utf-8",
              "chorus simulator\n".getBytes(StandardCharsets.UTF_8));
      default -> {
        if (BatchService.handles(path)) {
          batches.handle(ex, path, standIn);
          return;
        }
        json(
            ex,
            404,
            proto
                .errorBody(ErrorKind.NOT_FOUND, "Not found: " + req.method() + " " + req.path())
                .getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private void models(Exchange ex, boolean anthropicShape) throws IOException {
    List<String> parts = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(settings.models().keySet());
    long created = 1_700_000_000L;
    for (String name : names) {
      parts.add(
          anthropicShape
              ? "{\"type\":\"model\",\"id\":"
                  + Json.quote(name)
                  + ",\"display_name\":"
                  + Json.quote(name)
                  + ",\"created_at\":\"2025-01-01T00:00:00Z\"}"
              : "{\"id\":"
                  + Json.quote(name)
                  + ",\"object\":\"model\",\"created\":"
                  + created
                  + ",\"owned_by\":\"chorus-sim\"}");
    }
    String body =
        anthropicShape
            ? "{\"data\":["
                + String.join(",", parts)
                + "],\"has_more\":false,\"first_id\":"
                + Json.quote(names.isEmpty() ? null : names.first())
                + ",\"last_id\":"
                + Json.quote(names.isEmpty() ? null : names.last())
                + "}"
            : "{\"object\":\"list\",\"data\":[" + String.join(",", parts) + "]}";
    json(ex, 200, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void methodNotAllowed(Exchange ex, Protocol p) throws IOException {
    json(
        ex,
        405,
        p.errorBody(ErrorKind.INVALID_REQUEST, "Method not allowed: " + ex.request().method())
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void json(Exchange ex, int status, byte[] body) throws IOException {
    ex.respond(status, List.of(), "application/json", body);
  }

  /** The stats, for the Java API. */
  public SimStats stats() {
    return stats.snapshot();
  }

  /** Whether a Host header names this loopback server: 127.0.0.1, localhost or [::1], any port. */
  static boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.strip().toLowerCase(java.util.Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 && h.substring(1, end).equals("::1") && port(h.substring(end + 1));
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return (name.equals("127.0.0.1") || name.equals("localhost"))
        && port(colon < 0 ? "" : h.substring(colon));
  }

  private static boolean port(String rest) {
    return rest.isEmpty()
        || (rest.length() > 1
            && rest.length() <= 6
            && rest.charAt(0) == ':'
            && rest.substring(1).chars().allMatch(Character::isDigit));
  }
}
