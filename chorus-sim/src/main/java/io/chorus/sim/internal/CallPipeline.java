package io.chorus.sim.internal;

import io.chorus.common.internal.Durations;
import io.chorus.core.TokenEstimate;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.RateLimits;
import io.chorus.sim.SimStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The life of one chat request, whichever protocol: parse, authenticate, count, inject a fault or
 * apply rate limits, decide the answer, use the prompt cache, wait the model's latency, and send
 * the answer whole or streamed. Thread-safe; one instance serves every connection.
 */
final class CallPipeline {
  private static final String JSON = "application/json";

  private final Settings settings;
  private final StatsRecorder stats;
  private final RateLimiter limiter;
  private final PromptCache cache;
  private final AutomaticPrefixCache automaticCache;
  private final FaultInjector faults;
  private final Answers answers;
  private final AtomicLong requestNumbers = new AtomicLong();
  // SHA-256 per request is measurable at high call rates; keys are few
  private final java.util.Map<String, String> keyLabels =
      new java.util.concurrent.ConcurrentHashMap<>();

  CallPipeline(Settings settings, StatsRecorder stats) {
    this.settings = settings;
    this.stats = stats;
    this.limiter = new RateLimiter(settings.time()::nanoTime);
    this.cache = new PromptCache(settings.time()::nanoTime);
    this.automaticCache = new AutomaticPrefixCache(settings.time()::nanoTime);
    this.faults = new FaultInjector(settings.seed(), settings.faults());
    this.answers = new Answers(settings.seed(), settings.rules());
  }

  void reset() {
    limiter.reset();
    cache.reset();
    automaticCache.reset();
    faults.reset();
    requestNumbers.set(0);
    keyLabels.clear();
  }

  /**
   * @param standIn the provider the simulator stands in for on this path, or null for any model
   */
  /** The header every answer and error of the simulator carries. */
  static final String SYNTHETIC_HEADER = "x-chorus-synthetic";

  void handle(Exchange ex, Protocol p, String standIn) throws IOException {
    HttpRequest req = ex.request();
    long number = requestNumbers.incrementAndGet();
    SplittableRandom ids = Seeds.random(settings.seed(), number, 0x1D);
    List<String[]> headers = new ArrayList<>(24);
    headers.add(p.requestId(ids));
    // not in the providers' protocols: it tells a Chorus client (or a gateway in front of this
    // simulator) that the answer is synthetic, so reports label it so even when the simulator is
    // reached through a provider's base URL
    headers.add(new String[] {SYNTHETIC_HEADER, "true"});
    String sample = req.header("x-chorus-sample");
    long salt = sample == null ? 0 : Seeds.hash(sample);
    ParsedCall call;
    try {
      call = p.parse(req, salt);
    } catch (ParsedCall.Invalid e) {
      error(ex, p, headers, ErrorKind.INVALID_REQUEST, e.getMessage());
      return;
    }
    if (standIn != null && !settings.serves(standIn, call.model())) {
      ex.respond(
          404, headers, JSON, p.modelNotFoundBody(call.model()).getBytes(StandardCharsets.UTF_8));
      return;
    }
    String key = call.apiKey();
    if (settings.requireApiKey() && (key == null || key.isBlank())) {
      error(ex, p, headers, ErrorKind.AUTHENTICATION, "invalid x-api-key / missing API key");
      return;
    }
    String keyLabel =
        key == null ? SimStats.keyLabel(null) : keyLabels.computeIfAbsent(key, SimStats::keyLabel);
    StatsRecorder.Slice[] slices = stats.slices(keyLabel, call.model());
    StatsRecorder.request(slices);
    ModelBehaviour behaviour = settings.behaviour(call.model());
    RateLimits limits =
        key == null
            ? behaviour.rateLimits()
            : settings.keyLimits().getOrDefault(key, behaviour.rateLimits());
    String bucket = keyLabel + '\u0000' + call.model();
    Instant now = settings.time().now();

    FaultRule fault = faults.pick(call, behaviour, number);
    FaultKind kind = fault == null ? null : fault.kind();
    if (kind == FaultKind.MID_STREAM_ERROR && !call.stream()) {
      kind = FaultKind.SERVER_ERROR; // there is no stream to break: fail the whole request instead
    }
    if (fault != null && fault.shouldRetry() != null) {
      headers.add(new String[] {"x-should-retry", fault.shouldRetry().toString()});
    }
    if (kind != null && preResponse(kind)) {
      StatsRecorder.fault(slices, fault.kind());
      p.rateLimitHeaders(headers, limiter.peek(bucket, limits), now);
      injectBeforeResponse(ex, p, headers, kind, fault, call);
      return;
    }

    Answer answer = answers.answer(call, behaviour);
    long output = answer.outputTokens() + answer.reasoningTokens();
    RateLimiter.Admission admission = limiter.admit(bucket, limits, call.inputTokens(), output);
    p.rateLimitHeaders(headers, admission.snapshot(), now);
    if (!admission.admitted()) {
      StatsRecorder.rateLimited(slices);
      retryAfter(headers, admission.retryAfter());
      error(
          ex,
          p,
          headers,
          ErrorKind.RATE_LIMIT,
          "This request would exceed your rate limit for "
              + admission.exhausted()
              + " per minute for model "
              + call.model()
              + ". Please retry after "
              + Durations.formatGo(admission.retryAfter())
              + ".");
      return;
    }
    PromptCache.Use use;
    if (call.promptText() != null) {
      AutomaticPrefixCache.Use auto =
          automaticCache.use(call.model(), call.cacheKey(), call.promptText(), call.inputTokens());
      use = new PromptCache.Use(auto.readTokens(), 0, auto.onResponseBegun());
    } else {
      use =
          call.promptBlocks().isEmpty()
              ? PromptCache.Use.NONE
              : cache.use(call.model(), call.promptBlocks(), behaviour.minCacheTokens());
    }
    long uncached = Math.max(0, call.inputTokens() - use.readTokens() - use.writeTokens());
    StatsRecorder.tokens(slices, uncached, output, use.writeTokens(), use.readTokens());
    Reply reply =
        new Reply(
            p.messageId(ids),
            call.model(),
            answer,
            uncached,
            use.writeTokens(),
            use.readTokens(),
            now.getEpochSecond(),
            call.includeUsage());
    if (kind != null) {
      StatsRecorder.fault(slices, fault.kind());
    }
    SplittableRandom latency = Seeds.random(settings.seed(), number, 0x1A);
    double ttftMillis = behaviour.ttftMillis().sample(latency);
    double tokensPerSecond = behaviour.tokensPerSecond().sample(latency);
    if (call.stream()) {
      try {
        stream(ex, p, headers, reply, use, kind, ttftMillis, tokensPerSecond);
      } catch (java.net.SocketException e) {
        StatsRecorder.clientAborted(slices); // the client closed (cancelled) the stream
        throw e;
      }
    } else {
      double millis = ttftMillis + (tokensPerSecond > 0 ? 1000.0 * output / tokensPerSecond : 0);
      sleep(millis);
      use.onResponseBegun().run();
      if (kind == FaultKind.MALFORMED_JSON) {
        ex.respond(200, headers, JSON, p.malformedBody(reply).getBytes(StandardCharsets.UTF_8));
      } else if (kind == FaultKind.RESET_MID_RESPONSE || kind == FaultKind.STALL_MID_STREAM) {
        byte[] body = p.completeBody(reply).getBytes(StandardCharsets.UTF_8);
        ex.respondPartial(
            200, headers, JSON, java.util.Arrays.copyOf(body, body.length / 2), body.length);
        if (kind == FaultKind.RESET_MID_RESPONSE) {
          ex.reset();
        } else {
          ex.waitForClientClose(settings.stallLimit());
        }
      } else if (kind == FaultKind.TRUNCATED_STREAM) {
        byte[] body = p.completeBody(reply).getBytes(StandardCharsets.UTF_8);
        ex.respondTruncated(
            200, headers, JSON, java.util.Arrays.copyOf(body, body.length / 2), body.length);
      } else {
        ex.respond(200, headers, JSON, p.completeBody(reply).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * The result of one request inside a provider batch: the answer body (with usage) the same call
   * would get, or the error a pre-response fault or a bad request gives. Counted in the stats like
   * a call; no latency, no rate limits (batches have their own queue).
   *
   * @param headers the headers the request would carry (key, {@code anthropic-version})
   * @param body the request's JSON (Anthropic {@code params}, OpenAI {@code body})
   * @param salt mixed into the answer seed, as {@code x-chorus-sample} would be
   */
  BatchItemResult batchItem(
      Protocol p, java.util.Map<String, String> headers, byte[] body, long salt, String standIn) {
    long number = requestNumbers.incrementAndGet();
    SplittableRandom ids = Seeds.random(settings.seed(), number, 0x1D);
    ParsedCall call;
    try {
      call = p.parse(new HttpRequest("POST", "/batch-item", headers, body, true), salt);
    } catch (ParsedCall.Invalid e) {
      return BatchItemResult.error(p, ErrorKind.INVALID_REQUEST, e.getMessage());
    }
    if (standIn != null && !settings.serves(standIn, call.model())) {
      return new BatchItemResult(404, p.modelNotFoundBody(call.model()), false);
    }
    String key = call.apiKey();
    String keyLabel =
        key == null ? SimStats.keyLabel(null) : keyLabels.computeIfAbsent(key, SimStats::keyLabel);
    StatsRecorder.Slice[] slices = stats.slices(keyLabel, call.model());
    StatsRecorder.request(slices);
    ModelBehaviour behaviour = settings.behaviour(call.model());
    FaultRule fault = faults.pick(call, behaviour, number);
    if (fault != null) {
      StatsRecorder.fault(slices, fault.kind());
      ErrorKind kind =
          switch (fault.kind()) {
            case RATE_LIMIT -> ErrorKind.RATE_LIMIT;
            case QUOTA_EXHAUSTED -> ErrorKind.QUOTA;
            case OVERLOADED -> ErrorKind.OVERLOADED;
            case UNAVAILABLE -> ErrorKind.UNAVAILABLE;
            default -> ErrorKind.SERVER;
          };
      return BatchItemResult.error(
          p,
          kind,
          "Internal error processing this request (simulated fault: " + fault.kind() + ")");
    }
    Answer answer = answers.answer(call, behaviour);
    long output = answer.outputTokens() + answer.reasoningTokens();
    StatsRecorder.tokens(slices, call.inputTokens(), output, 0, 0);
    Reply reply =
        new Reply(
            p.messageId(ids),
            call.model(),
            answer,
            call.inputTokens(),
            0,
            0,
            settings.time().now().getEpochSecond(),
            false);
    return new BatchItemResult(200, p.completeBody(reply), true);
  }

  private static boolean preResponse(FaultKind kind) {
    return switch (kind) {
      case TRUNCATED_STREAM,
          MALFORMED_JSON,
          MID_STREAM_ERROR,
          RESET_MID_RESPONSE,
          STALL_MID_STREAM ->
          false;
      default -> true;
    };
  }

  private void injectBeforeResponse(
      Exchange ex,
      Protocol p,
      List<String[]> headers,
      FaultKind kind,
      FaultRule fault,
      ParsedCall call)
      throws IOException {
    switch (kind) {
      case RATE_LIMIT -> {
        retryAfter(headers, fault.retryAfter(), fault.retryAfterHeader(), settings.time().now());
        error(
            ex,
            p,
            headers,
            ErrorKind.RATE_LIMIT,
            "Rate limit reached (simulated fault). Please try again later.");
      }
      case QUOTA_EXHAUSTED ->
          error(
              ex,
              p,
              headers,
              ErrorKind.QUOTA,
              "You exceeded your current quota, please check your plan and billing details. (simulated fault)");
      case SERVER_ERROR ->
          error(ex, p, headers, ErrorKind.SERVER, "Internal server error (simulated fault)");
      case UNAVAILABLE ->
          error(ex, p, headers, ErrorKind.UNAVAILABLE, "Service unavailable (simulated fault)");
      case OVERLOADED ->
          error(ex, p, headers, ErrorKind.OVERLOADED, "Overloaded (simulated fault)");
      case CONNECTION_RESET -> ex.reset();
      case STALL -> ex.stall(headers, call.stream(), settings.stallLimit());
      case BAD_GATEWAY_HTML ->
          ex.respond(
              502,
              headers,
              "text/html; charset=utf-8",
              ("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                      + "<hr><center>nginx</center></body></html>\n")
                  .getBytes(StandardCharsets.UTF_8));
      case OVERSIZE_BODY -> oversize(ex, p, headers, call);
      default -> throw new IllegalStateException("not a pre-response fault: " + kind);
    }
  }

  private void stream(
      Exchange ex,
      Protocol p,
      List<String[]> headers,
      Reply reply,
      PromptCache.Use use,
      FaultKind kind,
      double ttftMillis,
      double tokensPerSecond)
      throws IOException {
    EventStream es = ex.startStream(headers);
    long start = settings.time().nanoTime();
    es.send(p.streamOpen(reply));
    use.onResponseBegun().run();
    List<String> pieces = new ArrayList<>();
    List<Boolean> isReasoning = new ArrayList<>();
    if (reply.answer().reasoning() != null && p instanceof OpenAiProtocol) {
      for (String s : pieces(reply.answer().reasoning())) {
        pieces.add(s);
        isReasoning.add(true);
      }
    }
    for (String s : pieces(reply.answer().text())) {
      pieces.add(s);
      isReasoning.add(false);
    }
    int faultAt = kind == null ? -1 : pieces.size() / 2;
    double dueMillis = ttftMillis;
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i <= pieces.size(); i++) {
      if (i == faultAt) {
        if (!batch.isEmpty()) {
          es.send(batch.toString());
        }
        breakStream(ex, es, p, reply, kind);
        return;
      }
      if (i == pieces.size()) {
        break;
      }
      long waitNanos = start + (long) (dueMillis * 1e6) - settings.time().nanoTime();
      if (waitNanos > 0) {
        if (!batch.isEmpty()) { // send what is due before waiting
          es.send(batch.toString());
          batch.setLength(0);
        }
        sleepNanos(waitNanos);
      }
      batch.append(p.streamDelta(reply, pieces.get(i), isReasoning.get(i)));
      if (tokensPerSecond > 0) {
        dueMillis += 1000.0 * TokenEstimate.of(pieces.get(i)) / tokensPerSecond;
      }
    }
    batch.append(p.streamClose(reply));
    es.send(batch.toString());
    es.finish();
  }

  private void breakStream(Exchange ex, EventStream es, Protocol p, Reply reply, FaultKind kind)
      throws IOException {
    switch (kind) {
      case RESET_MID_RESPONSE -> ex.reset();
      case STALL_MID_STREAM -> ex.waitForClientClose(settings.stallLimit());
      case MID_STREAM_ERROR -> {
        es.send(p.streamError(reply));
        es.finish();
      }
      case MALFORMED_JSON -> {
        es.send(p.streamMalformed(reply));
        es.finish();
      }
      default -> es.truncate();
    }
  }

  /** Text split after each run of whitespace: the pieces join back to exactly the text. */
  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))
          && (i + 1 == text.length() || !Character.isWhitespace(text.charAt(i + 1)))) {
        out.add(text.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < text.length()) {
      out.add(text.substring(from));
    }
    return out;
  }

  /** A rate-limit fault's wait, stated the way the rule says. */
  private static void retryAfter(List<String[]> headers, Duration wait, String how, Instant now) {
    long ms = wait.toMillis();
    switch (how) {
      case "seconds" ->
          headers.add(new String[] {"retry-after", Long.toString(Math.max(1, (ms + 999) / 1000))});
      case "ms" -> headers.add(new String[] {"retry-after-ms", Long.toString(ms)});
      case "date" ->
          headers.add(
              new String[] {
                "retry-after",
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    now.plusMillis(ms).plusSeconds(1).atZone(java.time.ZoneOffset.UTC).withNano(0))
              });
      case "none" -> {}
      default -> retryAfter(headers, wait);
    }
  }

  /**
   * A 200 larger than a client should read: ~17 MiB of JSON, or a stream whose one event is ~5 MiB.
   */
  private static void oversize(Exchange ex, Protocol p, List<String[]> headers, ParsedCall call)
      throws IOException {
    String filler = "x".repeat(call.stream() ? 5 << 20 : 17 << 20);
    if (call.stream()) {
      EventStream es = ex.startStream(headers);
      es.send("data: {\"filler\":\"" + filler + "\"}\n\n");
      es.finish();
    } else {
      ex.respond(
          200, headers, JSON, ("{\"filler\":\"" + filler + "\"}").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void retryAfter(List<String[]> headers, Duration wait) {
    long ms = Math.max(1, wait.toMillis());
    headers.add(new String[] {"retry-after", Long.toString(Math.max(1, (ms + 999) / 1000))});
    headers.add(new String[] {"retry-after-ms", Long.toString(ms)});
  }

  private static void error(
      Exchange ex, Protocol p, List<String[]> headers, ErrorKind kind, String message)
      throws IOException {
    ex.respond(
        p.status(kind), headers, JSON, p.errorBody(kind, message).getBytes(StandardCharsets.UTF_8));
  }

  private void sleep(double millis) {
    if (millis > 0) {
      sleepNanos((long) (millis * 1e6));
    }
  }

  private void sleepNanos(long nanos) {
    try {
      settings.sleeper().sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimServer.InterruptedRuntimeException();
    }
  }
}
