package io.chorus.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Outcome;
import io.chorus.core.StreamObserver;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * One chat endpoint ({@code /v1/chat/completions} or {@code /v1/messages}): reads the request in
 * its protocol, runs it through the engine on the handler's own virtual thread, and answers in the
 * same protocol.
 *
 * <p>A streamed answer sends its headers only when the first text arrives, so that a call that
 * fails before answering (the provider's quota, an unknown upstream model) is still a plain HTTP
 * error with its status, which the SDKs raise as their own error classes.
 */
public final class ChatEndpoint {

  private final Protocol protocol;
  private final Engine engine;
  private final ModelRoutes routes;
  private final Predicate<String> syntheticProvider;
  private final long maxBodyBytes;
  private final VirtualKeys keys;
  private final Workflows workflows;

  public ChatEndpoint(
      Protocol protocol,
      Engine engine,
      ModelRoutes routes,
      Predicate<String> syntheticProvider,
      long maxBodyBytes,
      VirtualKeys keys,
      Workflows workflows) {
    this.protocol = protocol;
    this.keys = keys;
    this.workflows = workflows;
    this.engine = engine;
    this.routes = routes;
    this.syntheticProvider = syntheticProvider;
    this.maxBodyBytes = maxBodyBytes;
  }

  public Protocol protocol() {
    return protocol;
  }

  /**
   * Serves one request: the key (401), the body (413, 400), the model (404, 403), the key's rate
   * and budget (429), then the engine call. The request id is echoed in {@code x-request-id} and
   * the answer's id.
   */
  public void handle(ServerRequest req, ServerResponse res, RequestInfo info) {
    String requestId = info.id();
    Parsed p;
    VirtualKey key;
    try {
      key = keys.authenticate(req);
      info.key(key.name());
      JsonNode body = Json.parse(Bodies.read(req, maxBodyBytes));
      p = protocol.parse(body, routes);
      info.model(p.requestedModel());
      Workflow wf = null;
      if (p.workflow() != null) {
        wf =
            workflows
                .find(p.workflow())
                .orElseThrow(
                    () ->
                        new GatewayException(
                            ApiError.unknownModel(
                                p.requestedModel(), String.join(", ", routes.listed()))));
      }
      key.checkModel(
          p.requestedModel(), p.request() == null ? null : p.request().model().toString());
      key.admit();
      if (wf != null) {
        runWorkflow(res, p, wf, key, requestId);
        return;
      }
    } catch (GatewayException e) {
      Responses.error(res, protocol, e);
      return;
    }
    boolean synthetic = syntheticProvider.test(p.request().model().provider());
    res.header("x-chorus-synthetic", Boolean.toString(synthetic));
    if (p.stream()) {
      key.spend(cost(stream(res, p, requestId)));
    } else {
      Outcome<ChatResponse> o = engine.call(p.request(), CallOptions.DEFAULT);
      key.spend(cost(o));
      // the headers are not sent yet: an answer the upstream marked synthetic (a simulator behind a
      // provider's base URL) is labelled so too
      res.header("x-chorus-synthetic", Boolean.toString(synthetic || o.synthetic()));
      if (o instanceof Outcome.Success<ChatResponse> s) {
        Extension ext = Extension.of(requestId, o, p.request().model().toString());
        Responses.json(res, 200, protocol.answer(p, requestId, s.value(), ext));
      } else {
        Responses.error(res, protocol, ApiError.of(o));
      }
    }
  }

  /**
   * A workflow: the decision or plan as the answer, its figures in the {@code chorus} field.
   * Streamed, the headers go at once (a workflow takes many calls), each finished call is a comment
   * line, and the answer follows as chunks. A workflow without an answer (no decision, no plan) is
   * a 422, which the SDKs do not retry: running the whole workflow again would not be free.
   */
  private void runWorkflow(
      ServerResponse res, Parsed p, Workflow wf, VirtualKey key, String requestId) {
    if (p.prompt().isBlank()) {
      throw new GatewayException(
          ApiError.invalid("messages", "a workflow needs the question or task as a user message"));
    }
    boolean synthetic = wf.models().stream().anyMatch(m -> syntheticProvider.test(m.provider()));
    res.header("x-chorus-synthetic", Boolean.toString(synthetic));
    long t0 = System.nanoTime();
    WorkflowAnswer a;
    LazyStream ls = p.stream() ? new LazyStream(res, Thread.currentThread(), p, requestId) : null;
    try {
      if (ls != null) {
        Sse sse = ls.open();
        sse.comment("chorus workflow " + wf.name() + " started");
        java.util.concurrent.atomic.AtomicInteger done =
            new java.util.concurrent.atomic.AtomicInteger();
        a =
            Progress.with(
                line ->
                    sse.comment(
                        "chorus progress: " + done.incrementAndGet() + " calls done; " + line),
                () -> wf.run(engine, p.prompt(), requestId));
      } else {
        a = wf.run(engine, p.prompt(), requestId);
      }
    } finally {
      if (ls != null && ls.sse.gone()) {
        Thread.interrupted();
      }
    }
    key.spend(a.costUsd());
    ApiError failed =
        a.ok()
            ? null
            : new ApiError(
                422,
                "invalid_request_error",
                "workflow_failed",
                null,
                "The workflow " + p.requestedModel() + " gave no answer: " + a.failure(),
                null);
    ChatResponse answer =
        new ChatResponse(
            a.text(),
            io.chorus.core.StopReason.END_TURN,
            a.usage(),
            new io.chorus.core.ModelId("chorus", wf.name()),
            requestId,
            java.time.Duration.ofNanos(System.nanoTime() - t0),
            null,
            null,
            null,
            a.synthetic());
    if (ls == null) {
      if (failed != null) {
        Responses.error(res, protocol, failed);
      } else {
        Responses.json(res, 200, protocol.answer(p, requestId, answer, a.extension()));
      }
      return;
    }
    if (ls.sse.gone()) {
      ls.close();
      return;
    }
    if (failed != null) {
      protocol.streamError(ls.sse, failed);
    } else {
      for (String piece : Chunks.of(a.text())) {
        protocol.streamText(ls.sse, p, requestId, piece);
      }
      protocol.streamEnd(ls.sse, p, requestId, answer, a.extension());
    }
    ls.close();
  }

  private static double cost(Outcome<?> o) {
    return o == null || o.timeline() == null ? 0 : o.timeline().costUsd();
  }

  /**
   * Streams the answer as it arrives; returns the outcome (for the key's budget).
   *
   * <p>A retry or fallback before any text reached the client is invisible to it: the answer it
   * gets is the successful attempt's. But an SSE client cannot take back text it was sent, so when
   * an attempt breaks off after its text reached the client ({@link StreamObserver#onRestart}), the
   * gateway does not start the answer again behind it (the client would read the partial text
   * followed by the whole new answer): it stops the call there, before the next attempt is sent,
   * and ends the stream with an {@code upstream_stream_broken} error in the protocol's shape, which
   * the SDKs raise mid-iteration. The gateway never holds text back to make restarts invisible:
   * that would cost every streamed call its time to first token and leave a client that went away
   * undetected until the call had finished (see {@code MisbehavingClientsTest}).
   */
  private Outcome<ChatResponse> stream(ServerResponse res, Parsed p, String requestId) {
    Thread caller = Thread.currentThread();
    LazyStream ls = new LazyStream(res, caller, p, requestId);
    String[] broken = new String[1]; // why the stream broke after the client got text
    Outcome<ChatResponse> o;
    try {
      o =
          engine.call(
              p.request(),
              CallOptions.DEFAULT.streaming(
                  new StreamObserver() {
                    @Override
                    public void onText(String delta) {
                      if (!delta.isEmpty()) {
                        protocol.streamText(ls.open(), p, requestId, delta);
                      }
                    }

                    @Override
                    public void onReasoning(String delta) {}

                    @Override
                    public void onRestart(String reason) {
                      if (ls.sse != null) { // the client has text it cannot take back: stop here
                        broken[0] = reason;
                        throw new IllegalStateException("stream broke after text was sent");
                      }
                    }
                  }));
    } finally {
      if (ls.sse != null && ls.sse.gone()) {
        Thread.interrupted(); // ours (the client left): do not leak it into the server's thread
      }
    }
    if (ls.sse != null && ls.sse.gone()) {
      ls.close();
    } else if (o instanceof Outcome.Success<ChatResponse> s) {
      protocol.streamEnd(
          ls.open(),
          p,
          requestId,
          s.value(),
          Extension.of(requestId, o, p.request().model().toString()));
      ls.close();
    } else if (ls.sse != null) {
      protocol.streamError(
          ls.sse, broken[0] != null ? ApiError.streamBroken(broken[0]) : ApiError.of(o));
      ls.close();
    } else {
      Responses.error(res, protocol, ApiError.of(o));
    }
    return o;
  }

  /** The SSE response, started at its first frame. */
  private final class LazyStream {
    final ServerResponse res;
    final Thread caller;
    final Parsed p;
    final String id;
    OutputStream out;
    Sse sse;

    LazyStream(ServerResponse res, Thread caller, Parsed p, String id) {
      this.res = res;
      this.caller = caller;
      this.p = p;
      this.id = id;
    }

    Sse open() {
      if (sse == null) {
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("x-accel-buffering", "no");
        out = res.outputStream();
        sse = new Sse(out, caller);
        protocol.streamStart(sse, p, id);
      }
      return sse;
    }

    void close() {
      try {
        out.close();
      } catch (java.io.IOException | RuntimeException e) {
        // the client is gone; nothing to tell it
      }
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
