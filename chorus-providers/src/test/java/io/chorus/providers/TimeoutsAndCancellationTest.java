package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stalls, first-token and attempt timeouts, and cancellation by interrupt, on loopback. Timing
 * assertions only bound how late something may happen, with wide margins for a loaded machine.
 */
class TimeoutsAndCancellationTest {
  static final Duration GENEROUS = Duration.ofSeconds(15);
  static final String START = Sse.event("message_start",
      "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}");
  static final String DELTA = Sse.event("content_block_delta",
      "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}");

  MockWebServer server;
  Provider provider;
  ScriptedBody body;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    provider = AnthropicProvider.builder().baseUrl(server.url("/").toString()).apiKey(Secret.of("test-key")).build();
  }

  @AfterEach
  void stop() {
    if (body != null) {
      body.release.countDown();
    }
    provider.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.of("anthropic:claude-haiku-4-5", "hello");
  }

  private void enqueueStream(ScriptedBody.After after, String... parts) {
    body = new ScriptedBody(after, parts);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream").body(body).build());
  }

  @Test
  void stallAfterHeadersFiresTheIdleTimeout() {
    enqueueStream(ScriptedBody.After.STALL, START, DELTA);
    CallContext ctx = new CallContext("t/1", 1, GENEROUS, null, Duration.ofMillis(300));
    long t0 = System.nanoTime();

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.stream(request(), ctx, StreamObserver.NONE));

    assertThat(e.error()).isInstanceOfSatisfying(ProviderError.Timeout.class,
        t -> assertThat(t.phase()).isEqualTo(ProviderError.Phase.IDLE));
    assertThat(e.error().httpStatus()).isEqualTo(200);
    assertThat(e.retryable()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(GENEROUS.minusSeconds(5));
  }

  @Test
  void headersThenNothingAtAllIsAnIdleStallToo() {
    enqueueStream(ScriptedBody.After.STALL);
    CallContext ctx = new CallContext("t/1", 1, GENEROUS, null, Duration.ofMillis(300));
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.stream(request(), ctx, StreamObserver.NONE));
    assertThat(((ProviderError.Timeout) e.error()).phase()).isEqualTo(ProviderError.Phase.IDLE);
  }

  @Test
  void pingsKeepTheIdleTimerAliveButNotTheFirstTokenTimer() {
    enqueueStream(ScriptedBody.After.PING_UNTIL_CLOSED, START);
    CallContext ctx = new CallContext("t/1", 1, GENEROUS, Duration.ofMillis(600), Duration.ofMillis(3000));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.stream(request(), ctx, StreamObserver.NONE));

    assertThat(((ProviderError.Timeout) e.error()).phase()).isEqualTo(ProviderError.Phase.FIRST_TOKEN);
    assertThat(e.error().message()).contains("600 ms");
  }

  @Test
  void firstTokenInTimeCancelsTheFirstTokenDeadline() throws Exception {
    String rest = Sse.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}")
        + Sse.event("message_stop", "{\"type\":\"message_stop\"}");
    // the first token comes at once, the rest slower in total than the first-token timeout
    body = new ScriptedBody(ScriptedBody.After.END, 500, START + DELTA, DELTA, DELTA, DELTA, rest);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream").body(body).build());
    CallContext ctx = new CallContext("t/1", 1, GENEROUS, Duration.ofMillis(1500), Duration.ofSeconds(5));
    assertThat(provider.stream(request(), ctx, StreamObserver.NONE).text()).isEqualTo("HiHiHiHi");
  }

  @Test
  void steadyTrafficLongerThanTheIdleTimeoutIsNotIdle() throws Exception {
    String stop = Sse.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}")
        + Sse.event("message_stop", "{\"type\":\"message_stop\"}");
    String[] parts = new String[14];
    parts[0] = START;
    java.util.Arrays.fill(parts, 1, 13, DELTA);
    parts[13] = stop;
    body = new ScriptedBody(ScriptedBody.After.END, 100, parts); // ~1.3 s in all, one chunk per 100 ms
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream").body(body).build());
    CallContext ctx = new CallContext("t/1", 1, GENEROUS, null, Duration.ofMillis(600));
    assertThat(provider.stream(request(), ctx, StreamObserver.NONE).text()).isEqualTo("Hi".repeat(12));
  }

  @Test
  void enormousTimeoutsAreClippedRatherThanOverflowing() throws Exception {
    server.enqueue(Sse.json(200, "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\"}").build());
    Duration forever = Duration.ofDays(365L * 10_000);
    assertThat(provider.call(request(), new CallContext("t/1", 1, forever, forever, forever)).text()).isEqualTo("ok");
  }

  @Test
  void attemptTimeoutCoversWaitingForHeaders() {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).body("{}").build());
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.call(request(), CallContext.standalone(Duration.ofMillis(300))));
    assertThat(((ProviderError.Timeout) e.error()).phase()).isEqualTo(ProviderError.Phase.ATTEMPT);
  }

  @Test
  void whenTheCallerEnforcesTheAttemptTimeoutTheProviderRunsNoTimerOfItsOwn() throws Exception {
    // the engine interrupts the thread at the attempt timeout; the provider must not fire first
    server.enqueue(Sse.json(200, "{\"content\":[{\"type\":\"text\",\"text\":\"late\"}],\"stop_reason\":\"end_turn\"}")
        .headersDelay(1, TimeUnit.SECONDS).build());
    CallContext enforced = new CallContext("t/1", 1, Duration.ofMillis(100), null, null, true);
    assertThat(provider.call(request(), enforced).text()).isEqualTo("late");
  }

  @Test
  void theEnginesAttemptTimeoutCancelsAnHttpCallThatRunsNoTimerOfItsOwn() {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).body("{}").build());
    try (io.chorus.core.Engine engine = io.chorus.core.Engine.builder().provider(provider)
        .timeouts(io.chorus.core.Timeouts.DEFAULT.withAttempt(Duration.ofMillis(300)))
        .retry(io.chorus.core.RetryPolicy.NONE).build()) {
      long t0 = System.nanoTime();
      io.chorus.core.Outcome<io.chorus.core.ChatResponse> o = engine.call(request());
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      assertThat(o).isInstanceOf(io.chorus.core.Outcome.Failure.class);
      ProviderException e = (ProviderException) ((io.chorus.core.Outcome.Failure<?>) o).error();
      assertThat(((ProviderError.Timeout) e.error()).phase()).isEqualTo(ProviderError.Phase.ATTEMPT);
    }
  }

  @Test
  void attemptTimeoutCoversASlowStreamBody() {
    enqueueStream(ScriptedBody.After.PING_UNTIL_CLOSED, START, DELTA);
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.stream(request(), CallContext.standalone(Duration.ofMillis(400)), StreamObserver.NONE));
    assertThat(((ProviderError.Timeout) e.error()).phase()).isEqualTo(ProviderError.Phase.ATTEMPT);
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
    Runnable call = () -> {
      try {
        provider.stream(request(), CallContext.standalone(GENEROUS), delta -> streaming.countDown());
      } catch (Throwable t) {
        thrown.set(t);
      } finally {
        finished.countDown();
      }
    };
    Thread caller = virtual ? Thread.ofVirtual().start(call) : Thread.ofPlatform().daemon().start(call);
    assertThat(streaming.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

    long t0 = System.nanoTime();
    caller.interrupt();

    assertThat(finished.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    body.probe.countDown();
    assertThat(body.clientClosed.await(GENEROUS.toSeconds(), TimeUnit.SECONDS))
        .as("server saw the connection closed").isTrue();
  }

  @Test
  void interruptWhileWaitingForHeadersCancelsPromptly() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).body("{}").build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        provider.call(request(), CallContext.standalone(Duration.ofSeconds(60)));
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    server.takeRequest(GENEROUS.toSeconds(), TimeUnit.SECONDS); // the request is on the wire
    caller.interrupt();
    assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void anAlreadyInterruptedThreadSendsNothing() throws Exception {
    server.enqueue(Sse.json(200, "{\"content\":[],\"stop_reason\":\"end_turn\"}").build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().unstarted(() -> {
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
    MockWebServer closed = new MockWebServer();
    closed.start();
    String url = closed.url("/").toString();
    closed.close();
    try (Provider p = AnthropicProvider.builder().baseUrl(url).apiKey(Secret.of("k")).build()) {
      ProviderException e = catchThrowableOfType(ProviderException.class, () -> p.call(request(), CallContext.standalone(GENEROUS)));
      assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
      assertThat(e.retryable()).isTrue();
    }
  }

  @Test
  void aDroppedConnectionIsReportedNotSilentlyRetried() throws Exception {
    // OkHttp would resend the POST on a new connection when a pooled one fails; a paid generation
    // must never run twice behind the engine's back, so the failure is reported to its policy
    String ok = "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\"}";
    server.enqueue(Sse.json(200, ok).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(Sse.json(200, ok).build());
    provider.call(request(), CallContext.standalone(GENEROUS)); // leaves a pooled connection

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.call(request(), CallContext.standalone(GENEROUS)));

    assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void connectionResetMidStreamIsConnectionFailed() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
        .chunkedBody(START + DELTA, 16)
        .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build());
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.stream(request(), CallContext.standalone(GENEROUS), StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
  }
}
