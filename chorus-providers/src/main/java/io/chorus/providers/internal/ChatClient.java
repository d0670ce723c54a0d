package io.chorus.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.RateLimitInfo;
import io.chorus.core.StreamObserver;
import io.chorus.core.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import okhttp3.Response;

/**
 * Runs chat calls of one {@link WireProtocol} over HTTP: sends, classifies failures, decodes JSON
 * or SSE, measures latency and time to first token, and attaches request id and rate-limit headers.
 * Both public providers are thin faces over this class.
 *
 * <p>Thread-safe: holds no per-call state.
 */
public final class ChatClient {
  private final Function<okhttp3.Request, WireCall> http;
  private final Watchdog watchdog;
  private final WireProtocol wire;
  private final TimeSource time;
  private final UnaryOperator<String> scrub;
  private final boolean synthetic;
  private final BodyLimits limits;

  /**
   * @param http starts the call for each exchange's request (OkHttp, or the plain HTTP/1.1 path)
   * @param scrub removes the API key from any text that reaches an exception
   * @param limits the largest body and server-sent event accepted
   */
  public ChatClient(
      Function<okhttp3.Request, WireCall> http,
      Watchdog watchdog,
      WireProtocol wire,
      TimeSource time,
      UnaryOperator<String> scrub,
      boolean synthetic,
      BodyLimits limits) {
    this.limits = limits;
    this.http = http;
    this.watchdog = watchdog;
    this.wire = wire;
    this.time = time;
    this.scrub = scrub;
    this.synthetic = synthetic;
  }

  /** What the response headers said. */
  private static final class Head {
    String requestId;
    RateLimitInfo limits = RateLimitInfo.NONE;
    Boolean shouldRetry;
    boolean synthetic;
  }

  public ChatResponse call(ChatRequest request, CallContext context) throws InterruptedException {
    long start = time.nanoTime();
    Head head = new Head();
    HttpExchange exchange =
        new HttpExchange(http.apply(httpRequest(request, false)), watchdog, context, false, limits);
    try {
      Response response = exchange.execute();
      readHead(response, head);
      if (!response.isSuccessful()) {
        throw httpFailure(exchange, head);
      }
      Answer answer =
          decodeJson(exchange.readAll(), exchange.status(), head, exchange.contentType());
      return response(request, answer, head, Duration.ofNanos(time.nanoTime() - start), null);
    } catch (ResponseTooLargeException e) {
      throw tooLarge(e, exchange, head);
    } catch (IOException e) {
      throw fail(exchange.failure(e), head, e);
    } finally {
      exchange.close();
    }
  }

  public ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer)
      throws InterruptedException {
    long start = time.nanoTime();
    Head head = new Head();
    HttpExchange exchange =
        new HttpExchange(http.apply(httpRequest(request, true)), watchdog, context, true, limits);
    try {
      Response response = exchange.execute();
      readHead(response, head);
      if (!response.isSuccessful()) {
        throw httpFailure(exchange, head);
      }
      String contentType = exchange.contentType();
      String type = contentType.toLowerCase(Locale.ROOT);
      if (type.contains("json")) {
        // some compatible servers answer a stream request with one JSON object (often an error)
        Answer answer = decodeJson(exchange.readAll(), exchange.status(), head, contentType);
        if (!answer.text().isEmpty()) {
          observer.onText(answer.text());
        }
        Duration elapsed = Duration.ofNanos(time.nanoTime() - start);
        return response(request, answer, head, elapsed, elapsed);
      }
      if (!type.isEmpty() && !type.contains("event-stream")) {
        // an HTML page from a proxy or a login portal parses as an SSE stream without events
        throw fail(
            new ProviderError.MalformedResponse(
                "expected a text/event-stream, got "
                    + contentType
                    + ": "
                    + ErrorBody.parse(exchange.readErrorBody()).message(),
                exchange.status()),
            head,
            null);
      }
      return readStream(request, exchange, head, observer, start);
    } catch (ResponseTooLargeException e) {
      throw tooLarge(e, exchange, head);
    } catch (IOException e) {
      throw fail(exchange.failure(e), head, e);
    } finally {
      exchange.close();
    }
  }

  private ChatResponse readStream(
      ChatRequest request, HttpExchange exchange, Head head, StreamObserver observer, long start)
      throws IOException, InterruptedException {
    SseParser parser = exchange.read(source -> new SseParser(source, limits.maxEventBytes()));
    StreamDecoder decoder = wire.streamDecoder();
    long[] firstText = {-1};
    DeltaSink sink =
        new DeltaSink() {
          @Override
          public void text(String delta) {
            if (firstText[0] < 0) {
              firstText[0] = time.nanoTime();
              exchange.firstToken();
            }
            observer.onText(delta);
          }

          @Override
          public void reasoning(String delta) {
            exchange.firstToken();
            observer.onReasoning(delta);
          }
        };
    while (true) {
      SseEvent event = exchange.read(source -> parser.next());
      if (event == null) {
        if (decoder.stopped()) {
          break;
        }
        ProviderError timeout = exchange.firedTimeout();
        if (timeout != null) {
          throw fail(timeout, head, null); // a cancelled read can look like a clean end of stream
        }
        throw fail(
            new ProviderError.ConnectionFailed(
                "stream ended before its final event (truncated)", exchange.status()),
            head,
            null);
      }
      try {
        if (decoder.accept(event, sink)) {
          break;
        }
      } catch (WireException e) {
        throw wireFailure(e, exchange.status(), head, " (error event inside the stream)");
      }
    }
    Duration ttft = firstText[0] < 0 ? null : Duration.ofNanos(firstText[0] - start);
    return response(
        request, decoder.answer(), head, Duration.ofNanos(time.nanoTime() - start), ttft);
  }

  private Answer decodeJson(byte[] bytes, int status, Head head, String contentType) {
    JsonNode root;
    String what =
        "response ("
            + (contentType.isEmpty() ? "no content type" : contentType)
            + ", "
            + bytes.length
            + " bytes)";
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw fail(
          new ProviderError.MalformedResponse(
              what + " is not valid JSON: " + e.getOriginalMessage(), status),
          head,
          e);
    } catch (IOException e) {
      throw fail(
          new ProviderError.MalformedResponse(
              what + " is not valid JSON: " + e.getMessage(), status),
          head,
          e);
    }
    if (root == null || !root.isObject()) {
      throw fail(
          new ProviderError.MalformedResponse("response is not a JSON object", status), head, null);
    }
    try {
      ErrorBody error =
          root.has("choices") || root.has("content") ? null : ErrorBody.fromJson(root);
      if (error != null) {
        throw WireException.errorEvent(error);
      }
      return wire.decode(root);
    } catch (WireException e) {
      throw wireFailure(e, status, head, "");
    }
  }

  /** A body over the limit: not retried, since the same request would likely pay for it again. */
  private ProviderException tooLarge(
      ResponseTooLargeException e, HttpExchange exchange, Head head) {
    head.shouldRetry = Boolean.FALSE;
    return fail(new ProviderError.MalformedResponse(e.getMessage(), exchange.status()), head, e);
  }

  private ProviderException wireFailure(WireException e, int status, Head head, String where) {
    if (e.error() == null) {
      return fail(new ProviderError.MalformedResponse(e.getMessage(), status), head, e);
    }
    ErrorBody body = e.error();
    ErrorBody located = new ErrorBody(body.type(), body.code(), body.message() + where);
    return fail(ErrorClassifier.classify(status, located, head.limits), head, null);
  }

  private ProviderException httpFailure(HttpExchange exchange, Head head)
      throws IOException, InterruptedException {
    String raw = exchange.readErrorBody();
    ProviderError error =
        ErrorClassifier.classify(exchange.status(), ErrorBody.parse(raw), head.limits);
    return fail(error, head, null);
  }

  private void readHead(Response response, Head head) {
    head.requestId = wire.requestId(response.headers());
    head.limits = RateLimitHeaders.parse(response.headers(), time.now());
    // the Chorus simulator (and a Chorus gateway in front of one) marks its answers: they are
    // synthetic even when the user pointed a real provider's base URL at it
    head.synthetic = "true".equalsIgnoreCase(response.header("x-chorus-synthetic"));
    String retry = response.header("x-should-retry");
    if (retry != null) {
      String v = retry.strip().toLowerCase(Locale.ROOT);
      head.shouldRetry = v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : null;
    }
  }

  private ProviderException fail(ProviderError error, Head head, Throwable cause) {
    // causes are transport exceptions (hosts and ports, never headers), so only messages need
    // scrubbing
    return new ProviderException(
        Redaction.scrub(error, scrub), head.requestId, head.limits, head.shouldRetry, cause);
  }

  private ChatResponse response(
      ChatRequest request, Answer answer, Head head, Duration latency, Duration ttft) {
    return new ChatResponse(
        answer.text(),
        answer.stopReason(),
        answer.usage(),
        request.model(),
        head.requestId,
        latency,
        ttft,
        head.limits.isEmpty() ? null : head.limits,
        answer.reasoning(),
        synthetic || head.synthetic,
        answer.toolCalls());
  }

  /**
   * The wire request; for the simulator, samples after the first carry {@code x-chorus-sample} so
   * that self-consistency samples of an otherwise identical request get independent answers (a real
   * model samples independently at temperature > 0 by itself, so nothing is added for it).
   */
  private okhttp3.Request httpRequest(ChatRequest request, boolean stream) {
    okhttp3.Request r = wire.request(request, stream);
    if (synthetic && request.sampleIndex() > 0) {
      r = r.newBuilder().header("x-chorus-sample", Integer.toString(request.sampleIndex())).build();
    }
    return r;
  }
}
