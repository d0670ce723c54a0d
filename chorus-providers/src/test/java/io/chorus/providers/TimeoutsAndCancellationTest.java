package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Outcome;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.RetryPolicy;
import io.chorus.core.StreamObserver;
import io.chorus.core.Timeouts;
import io.chorus.testing.FakeClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stalls, first-token and attempt timeouts, and cancellation (by interrupt, seen by the server),
 * over every {@link Transport}. Timeouts run on a {@link FakeClock} given to the transport's
 * watchdog: a test waits until the deadlines it expects are armed, then moves the clock, so which
 * timeout fires, and at what fake time, follows from the logic alone. Nothing asserts how long
 * anything took in real time; real time only bounds how long a test waits for something that must
 * happen.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
@org.junit.jupiter.api.Timeout(
    value = 60,
    unit = TimeUnit.SECONDS) // the attempt timeouts are on the fake clock
class TimeoutsAndCancellationTest {
  static final Duration GENEROUS = Duration.ofSeconds(15);
  static final String START =
      Sse.event(
          "message_start",
          "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}");
  static final String DELTA =
      Sse.event(
          "content_block_delta",
          "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}");
  static final String STOP =
      Sse.event(
              "message_delta",
              "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}")
          + Sse.event("message_stop", "{\"type\":\"message_stop\"}");

  @Parameter Transport transport;

  final FakeClock clock = new FakeClock();
  MockWebServer server;
  HttpTransport http;
  Provider provider;
  ScriptedBody body;

  @BeforeEach
  void start() throws Exception {
    server = transport.startServer();
    http = transport.client().time(clock).build();
    provider =
        AnthropicProvider.builder()
            .baseUrl(server.url("/").toString())
            .apiKey(Secret.of("test-key"))
            .transport(http)
            .build();
  }

  @AfterEach
  void stop() {
    if (body != null) {
      body.release.countDown();
    }
    provider.close();
    http.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.of("anthropic:claude-haiku-4-5", "hello");
  }

  private void enqueueStream(ScriptedBody.After after, String... parts) {
    enqueue(new ScriptedBody(after, parts));
  }

  private void enqueue(ScriptedBody b) {
    body = b;
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("content-type", "text/event-stream")
            .body(b)
            .build());
  }

  /** Waits (in real time, bounded) until {@code condition} holds. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(1);
    }
  }

  /** Waits until exactly {@code n} watchdog deadlines are armed. */
  private void awaitDeadlines(int n) throws InterruptedException {
    await(n + " armed deadlines", () -> http.watchdog().pending() == n);
  }

  /** Starts a stream on a virtual thread; its observer counts text deltas. */
  private CompletableFuture<ChatResponse> stream(CallContext ctx, CountDownLatch deltas) {
    CompletableFuture<ChatResponse> f = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                f.complete(provider.stream(request(), ctx, d -> deltas.countDown()));
              } catch (Throwable t) {
                f.completeExceptionally(t);
              }
            });
    return f;
  }

  private static ProviderError failure(CompletableFuture<ChatResponse> call) throws Exception {
    Throwable t =
        catchThrowableOfType(
                java.util.concurrent.ExecutionException.class,
                () -> call.get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
            .getCause();
    assertThat(t).isInstanceOf(ProviderException.class);
    return ((ProviderException) t).error();
  }

  @Test
  void stallAfterHeadersFiresTheIdleTimeoutAtExactlyTheIdleTimeout() throws Exception {
    enqueueStream(ScriptedBody.After.STALL, START, DELTA);
    CountDownLatch delta = new CountDownLatch(1);
    CompletableFuture<ChatResponse> call =
        stream(new CallContext("t/1", 1, GENEROUS, null, Duration.ofMillis(300)), delta);
    assertThat(delta.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    awaitDeadlines(2); // the attempt and the idle check

    clock.advance(Duration.ofMillis(299));
    Thread.sleep(20); // the alarm thread looks every 5 ms: one millisecond early must not fire
    assertThat(call).isNotDone();
    clock.advance(Duration.ofMillis(1));

    ProviderError e = failure(call);
    assertThat(e)
        .isInstanceOfSatisfying(
            ProviderError.Timeout.class,
            t -> assertThat(t.phase()).isEqualTo(ProviderError.Phase.IDLE));
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.message()).contains("300 ms");
  }

  @Test
  void headersThenNothingAtAllIsAnIdleStallToo() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        transport.http2(),
        "MockWebServer sends HTTP/2 response headers only with the first data: the client never sees them");
    enqueueStream(ScriptedBody.After.STALL);
    CompletableFuture<ChatResponse> call =
        stream(
            new CallContext("t/1", 1, GENEROUS, null, Duration.ofMillis(300)),
            new CountDownLatch(1));
    awaitDeadlines(2);
    clock.advance(Duration.ofMillis(300));
    assertThat(((ProviderError.Timeout) failure(call)).phase()).isEqualTo(ProviderError.Phase.IDLE);
  }

  @Test
  void pingsDoNotCountAsAFirstToken() throws Exception {
    enqueueStream(ScriptedBody.After.PING_UNTIL_CLOSED, START);
    CompletableFuture<ChatResponse> call =
        stream(
            new CallContext("t/1", 1, GENEROUS, Duration.ofMillis(600), Duration.ofMillis(3000)),
            new CountDownLatch(1));
    awaitDeadlines(3); // attempt, first token, idle
    clock.advance(Duration.ofMillis(600));
    ProviderError e = failure(call);
    assertThat(((ProviderError.Timeout) e).phase()).isEqualTo(ProviderError.Phase.FIRST_TOKEN);
    assertThat(e.message()).contains("600 ms");
  }

  @Test
  void firstTokenInTimeCancelsTheFirstTokenDeadline() throws Exception {
    // the first token comes at once, then one delta every 500 ms: 2 s in all, past the 1.5 s
    // first-token timeout
    ScriptedBody b = ScriptedBody.stepped(START + DELTA, DELTA, DELTA, DELTA, STOP);
    enqueue(b);
    CallContext ctx =
        new CallContext("t/1", 1, GENEROUS, Duration.ofMillis(1500), Duration.ofSeconds(5));
    ChatResponse r =
        provider.stream(
            request(),
            ctx,
            delta -> {
              clock.advance(Duration.ofMillis(500));
              b.step();
            });
    assertThat(r.text()).isEqualTo("HiHiHiHi");
    assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void steadyTrafficLongerThanTheIdleTimeoutIsNotIdle() throws Exception {
    String[] parts = new String[14];
    parts[0] = START;
    Arrays.fill(parts, 1, 13, DELTA);
    parts[13] = STOP;
    ScriptedBody b = ScriptedBody.stepped(parts); // one delta per 100 ms of fake time, 1.2 s in all
    enqueue(b);
    CallContext ctx = new CallContext("t/1", 1, GENEROUS, null, Duration.ofMillis(600));
    b.step(); // the first delta
    ChatResponse r =
        provider.stream(
            request(),
            ctx,
            delta -> {
              clock.advance(Duration.ofMillis(100));
              b.step();
            });
    assertThat(r.text()).isEqualTo("Hi".repeat(12));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(1200));
  }

  @Test
  void enormousTimeoutsAreClippedRatherThanOverflowing() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\"}")
            .build());
    Duration forever = Duration.ofDays(365L * 10_000);
    assertThat(
            provider.call(request(), new CallContext("t/1", 1, forever, forever, forever)).text())
        .isEqualTo("ok");
  }

  @Test
  void attemptTimeoutCoversWaitingForHeaders() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).body("{}").build());
    CompletableFuture<ChatResponse> call =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return provider.call(request(), CallContext.standalone(Duration.ofMillis(300)));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            r -> Thread.ofVirtual().start(r));
    server.takeRequest(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    awaitDeadlines(1);
    clock.advance(Duration.ofMillis(300));
    assertThat(((ProviderError.Timeout) failure(call)).phase())
        .isEqualTo(ProviderError.Phase.ATTEMPT);
  }

  @Test
  void whenTheCallerEnforcesTheAttemptTimeoutTheProviderRunsNoTimerOfItsOwn() throws Exception {
    // the engine interrupts the thread at the attempt timeout; the provider must not fire first
    ScriptedBody late =
        ScriptedBody.stepped(
            Sse.event(
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"),
            DELTA,
            STOP);
    enqueue(late);
    CallContext enforced = new CallContext("t/1", 1, Duration.ofMillis(100), null, null, true);
    CompletableFuture<ChatResponse> call = stream(enforced, new CountDownLatch(1));
    server.takeRequest(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    assertThat(http.watchdog().pending()).isZero();
    clock.advance(Duration.ofHours(1));
    late.step();
    late.step();
    assertThat(call.get(GENEROUS.toSeconds(), TimeUnit.SECONDS).text()).isEqualTo("Hi");
  }

  @Test
  void theEnginesAttemptTimeoutCancelsAnHttpCallThatRunsNoTimerOfItsOwn() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).body("{}").build());
    try (Engine engine =
        Engine.builder()
            .provider(provider)
            .time(clock)
            .sleeper(clock)
            .timeouts(Timeouts.DEFAULT.withAttempt(Duration.ofMillis(300)))
            .retry(RetryPolicy.NONE)
            .build()) {
      CompletableFuture<Outcome<ChatResponse>> o =
          CompletableFuture.supplyAsync(
              () -> engine.call(request()), r -> Thread.ofVirtual().start(r));
      server.takeRequest(GENEROUS.toSeconds(), TimeUnit.SECONDS);
      assertThat(http.watchdog().pending()).as("the provider arms no timer of its own").isZero();
      clock.advance(Duration.ofMillis(300));
      Outcome<ChatResponse> outcome = o.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
      assertThat(outcome).isInstanceOf(Outcome.Failure.class);
      ProviderException e = (ProviderException) ((Outcome.Failure<?>) outcome).error();
      assertThat(((ProviderError.Timeout) e.error()).phase())
          .isEqualTo(ProviderError.Phase.ATTEMPT);
    }
  }

  @Test
  void attemptTimeoutCoversASlowStreamBody() throws Exception {
    enqueueStream(ScriptedBody.After.PING_UNTIL_CLOSED, START, DELTA);
    CountDownLatch delta = new CountDownLatch(1);
    CompletableFuture<ChatResponse> call =
        stream(CallContext.standalone(Duration.ofMillis(400)), delta);
    assertThat(delta.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    awaitDeadlines(1);
    clock.advance(Duration.ofMillis(400));
    assertThat(((ProviderError.Timeout) failure(call)).phase())
        .isEqualTo(ProviderError.Phase.ATTEMPT);
    assertThat(body.clientClosed.await(GENEROUS.toSeconds(), TimeUnit.SECONDS))
        .as("server saw the call end")
        .isTrue();
  }

  @ParameterizedTest(name = "virtual thread: {0}")
  @ValueSource(booleans = {true, false})
  void interruptCancelsAStreamAndTheServerSeesTheConnectionClose(boolean virtual) throws Exception {
    // the server goes silent after the first token: the caller is blocked in a socket read, which
    // on a platform thread ignores interrupts unless the provider cancels the call
    enqueueStream(ScriptedBody.After.STALL_THEN_PROBE, START, DELTA);
    CountDownLatch streaming = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(1);
    Runnable call =
        () -> {
          try {
            provider.stream(
                request(), CallContext.standalone(GENEROUS), delta -> streaming.countDown());
          } catch (Throwable t) {
            thrown.set(t);
          } finally {
            finished.countDown();
          }
        };
    Thread caller =
        virtual ? Thread.ofVirtual().start(call) : Thread.ofPlatform().daemon().start(call);
    assertThat(streaming.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

    caller.interrupt();

    assertThat(finished.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    body.probe.countDown();
    assertThat(body.clientClosed.await(GENEROUS.toSeconds(), TimeUnit.SECONDS))
        .as(transport.http2() ? "server saw the stream reset" : "server saw the connection closed")
        .isTrue();
  }

  @Test
  void interruptWhileWaitingForHeadersCancelsPromptly() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).body("{}").build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    provider.call(request(), CallContext.standalone(Duration.ofSeconds(60)));
                  } catch (Throwable t) {
                    thrown.set(t);
                  }
                });
    server.takeRequest(GENEROUS.toSeconds(), TimeUnit.SECONDS); // the request is on the wire
    caller.interrupt();
    assertThat(caller.join(GENEROUS)).as("the call ended long before the server's 30 s").isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void anAlreadyInterruptedThreadSendsNothing() throws Exception {
    server.enqueue(Sse.json(200, "{\"content\":[],\"stop_reason\":\"end_turn\"}").build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread caller =
        Thread.ofVirtual()
            .unstarted(
                () -> {
                  Thread.currentThread().interrupt();
                  try {
                    provider.call(request(), CallContext.standalone(GENEROUS));
                  } catch (Throwable t) {
                    thrown.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                  }
                });
    caller.start();
    caller.join();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(stillInterrupted.get()).as("InterruptedException clears the flag").isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void connectionRefusedIsConnectionFailed() throws Exception {
    MockWebServer closed = transport.startServer();
    String url = closed.url("/").toString();
    closed.close();
    try (Provider p =
        AnthropicProvider.builder().baseUrl(url).apiKey(Secret.of("k")).transport(http).build()) {
      ProviderException e =
          catchThrowableOfType(
              ProviderException.class, () -> p.call(request(), CallContext.standalone(GENEROUS)));
      assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
      assertThat(e.retryable()).isTrue();
    }
  }

  @Test
  void aDroppedConnectionIsReportedNotSilentlyRetried() throws Exception {
    // OkHttp would resend the POST on a new connection when a pooled one fails; a paid generation
    // must never run twice behind the engine's back, so the failure is reported to its policy
    org.junit.jupiter.api.Assumptions.assumeFalse(
        transport.http2(),
        "MockWebServer's ShutdownConnection does not drop an HTTP/2 connection: the client waits for headers");
    String ok = "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\"}";
    server.enqueue(Sse.json(200, ok).build());
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(Sse.json(200, ok).build());
    provider.call(request(), CallContext.standalone(GENEROUS)); // leaves a pooled connection

    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> provider.call(request(), CallContext.standalone(GENEROUS)));

    assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void connectionResetMidStreamIsConnectionFailed() {
    server.enqueue(
        Sse.stream(START + DELTA)
            .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket(true, false, false))
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                provider.stream(request(), CallContext.standalone(GENEROUS), StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
  }
}
