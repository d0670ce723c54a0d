package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same paths over HTTP/2 (what real providers negotiate over TLS; here cleartext with prior
 * knowledge): there the body is read by OkHttp's reader thread while the caller waits, and a
 * cancel resets one stream instead of closing the socket.
 */
class Http2Test {
  static final String START = TimeoutsAndCancellationTest.START;
  static final String DELTA = TimeoutsAndCancellationTest.DELTA;

  MockWebServer server;
  HttpTransport transport;
  AnthropicProvider provider;
  ScriptedBody body;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    server.start();
    transport = HttpTransport.builder().okHttp(b -> b.protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))).build();
    provider = AnthropicProvider.builder().baseUrl(server.url("/").toString()).apiKey(Secret.of("k")).transport(transport).build();
  }

  @AfterEach
  void stop() {
    if (body != null) {
      body.release.countDown();
    }
    transport.close();
    server.close();
  }

  private void enqueue(ScriptedBody.After after, String... parts) {
    body = new ScriptedBody(after, parts);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream").body(body).build());
  }

  @Test
  void streamsOverHttp2() throws Exception {
    enqueue(ScriptedBody.After.END, START, DELTA,
        Sse.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}"),
        Sse.event("message_stop", "{\"type\":\"message_stop\"}"));
    ChatResponse r = provider.stream(ChatRequest.of("anthropic:m", "hi"), CallContext.standalone(Duration.ofSeconds(15)), StreamObserver.NONE);
    assertThat(r.text()).isEqualTo("Hi");
    assertThat(server.takeRequest().getVersion()).isEqualTo("HTTP/2");
  }

  @Test
  void idleTimeoutOverHttp2() {
    enqueue(ScriptedBody.After.STALL, START, DELTA);
    CallContext ctx = new CallContext("t", 1, Duration.ofSeconds(15), null, Duration.ofMillis(300));
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.stream(ChatRequest.of("anthropic:m", "hi"), ctx, StreamObserver.NONE));
    assertThat(((ProviderError.Timeout) e.error()).phase()).isEqualTo(ProviderError.Phase.IDLE);
  }

  @Test
  void interruptResetsTheHttp2StreamOnAPlatformThread() throws Exception {
    enqueue(ScriptedBody.After.STALL_THEN_PROBE, START, DELTA);
    CountDownLatch streaming = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = Thread.ofPlatform().daemon().start(() -> {
      try {
        provider.stream(ChatRequest.of("anthropic:m", "hi"), CallContext.standalone(Duration.ofSeconds(30)), d -> streaming.countDown());
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    assertThat(streaming.await(15, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    body.probe.countDown();
    assertThat(body.clientClosed.await(15, TimeUnit.SECONDS)).as("server saw the stream reset").isTrue();
  }
}
