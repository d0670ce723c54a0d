package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chorus's own HTTP/1.1 path for plain {@code http://} URLs: keep-alive reuse, body framings,
 * {@code Connection: close}, errors and cancellation, against OkHttp's MockWebServer. (The other
 * provider tests over MockWebServer take this path too, since it is the default for plain HTTP.)
 */
class PlainHttp1Test {
  private static final String ANSWER =
      "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  MockWebServer server;
  HttpTransport transport;
  OpenAiCompatibleProvider provider;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    transport = HttpTransport.create();
    provider =
        OpenAiCompatibleProvider.builder()
            .name("local")
            .baseUrl(server.url("/v1").toString())
            .apiKey(Secret.of("k"))
            .transport(transport)
            .build();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  private ChatResponse call(String prompt) throws InterruptedException {
    return provider.call(ChatRequest.of("local:m", prompt), CallContext.standalone(GENEROUS));
  }

  private static MockResponse.Builder json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("content-type", "application/json")
        .body(body);
  }

  @Test
  void plainHttpTakesTheOwnPathAndReusesTheConnection() throws Exception {
    assertThat(transport.plainHttp1()).isTrue();
    server.enqueue(json(ANSWER).build());
    server.enqueue(json(ANSWER).build());
    assertThat(call("one").text()).isEqualTo("ok");
    assertThat(transport.plainIdleConnections()).isEqualTo(1);
    assertThat(call("two").text()).isEqualTo("ok");
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
    assertThat(second.getExchangeIndex()).isEqualTo(first.getExchangeIndex() + 1);
    // what went over the wire is a well-formed request: OkHttp's server parsed it
    assertThat(first.getRequestLine()).isEqualTo("POST /v1/chat/completions HTTP/1.1");
    assertThat(first.getHeaders().get("Host"))
        .isEqualTo(server.getHostName() + ":" + server.getPort());
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer k");
    assertThat(first.getBody().utf8()).contains("\"content\":\"one\"");
    assertThat(transport.connectionCount()).isZero(); // OkHttp's pools were never used
  }

  @Test
  void aCancelAfterTheCallEndedLeavesThePooledConnectionAlone() throws Exception {
    server.enqueue(json(ANSWER).build());
    server.enqueue(json(ANSWER).build());
    io.chorus.providers.internal.WireCall first =
        transport.newCall(
            new okhttp3.Request.Builder().url(server.url("/v1/models")).get().build());
    try (okhttp3.Response r = first.execute()) {
      assertThat(r.body().string()).isEqualTo(ANSWER);
    }
    assertThat(transport.plainIdleConnections()).isEqualTo(1);
    first.cancel(); // late, as a watchdog timer that fired just as the call ended would be
    assertThat(call("second").text()).isEqualTo("ok");
    assertThat(server.takeRequest().getConnectionIndex())
        .isEqualTo(server.takeRequest().getConnectionIndex());
  }

  @Test
  void chunkedBodiesAreDecoded() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("content-type", "application/json")
            .chunkedBody(ANSWER, 7)
            .build());
    server.enqueue(json(ANSWER).build());
    assertThat(call("chunked").text()).isEqualTo("ok");
    assertThat(call("after").text())
        .isEqualTo("ok"); // the connection is intact after the last chunk
    assertThat(server.takeRequest().getConnectionIndex())
        .isEqualTo(server.takeRequest().getConnectionIndex());
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    server.enqueue(json(ANSWER).addHeader("Connection", "close").build());
    server.enqueue(json(ANSWER).build());
    assertThat(call("one").text()).isEqualTo("ok");
    assertThat(transport.plainIdleConnections()).isZero();
    assertThat(call("two").text()).isEqualTo("ok");
    assertThat(server.takeRequest().getConnectionIndex())
        .isNotEqualTo(server.takeRequest().getConnectionIndex());
  }

  @Test
  void anErrorStatusIsMappedAndKeepsTheConnection() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("retry-after", "3")
            .addHeader("content-type", "application/json")
            .body("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}")
            .build());
    server.enqueue(json(ANSWER).build());
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> call("limited"));
    assertThat(e.error()).isInstanceOf(ProviderError.RateLimited.class);
    assertThat(((ProviderError.RateLimited) e.error()).retryAfter())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(call("again").text()).isEqualTo("ok");
    assertThat(server.takeRequest().getConnectionIndex())
        .isEqualTo(server.takeRequest().getConnectionIndex());
  }

  /** A one-shot raw server that reads the request, writes {@code response} and hangs up. */
  private static java.net.ServerSocket rawServer(String response) throws java.io.IOException {
    java.net.ServerSocket raw =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              try (java.net.Socket s = raw.accept()) {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream()
                    .write(response.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
              } catch (java.io.IOException ignored) {
                // the test's assertions say what went wrong
              }
            });
    return raw;
  }

  private ChatResponse callRaw(java.net.ServerSocket raw) throws InterruptedException {
    OpenAiCompatibleProvider p =
        OpenAiCompatibleProvider.builder()
            .name("local")
            .baseUrl("http://127.0.0.1:" + raw.getLocalPort() + "/v1")
            .apiKey(Secret.of("k"))
            .transport(transport)
            .build();
    return p.call(ChatRequest.of("local:m", "x"), CallContext.standalone(GENEROUS));
  }

  @Test
  void aBodyCutShortIsAConnectionFailure() throws Exception {
    // promises 500 bytes, sends 6, hangs up
    try (java.net.ServerSocket raw =
        rawServer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":")) {
      ProviderException e = catchThrowableOfType(ProviderException.class, () -> callRaw(raw));
      assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
      assertThat(e.error().message()).contains("494 bytes before the end of the body");
      assertThat(transport.plainIdleConnections()).isZero();
    }
  }

  @Test
  void aLengthOfMinusOneMeansReadUntilTheServerCloses() throws Exception {
    try (java.net.ServerSocket raw =
        rawServer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n"
                + ANSWER)) {
      assertThat(callRaw(raw).text()).isEqualTo("ok");
      assertThat(transport.plainIdleConnections())
          .isZero(); // a body ended by close leaves nothing to reuse
    }
  }

  @Test
  void anInterruptCancelsACallWaitingForHeaders() throws Exception {
    server.enqueue(json(ANSWER).headersDelay(30, TimeUnit.SECONDS).build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    call("slow");
                  } catch (Throwable t) {
                    thrown.set(t);
                  }
                });
    server.takeRequest(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    caller.interrupt();
    assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(transport.plainIdleConnections()).isZero();
  }

  @Test
  void theStandaloneAttemptTimeoutFiresOnThePlainPath() {
    server.enqueue(json(ANSWER).headersDelay(30, TimeUnit.SECONDS).build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                provider.call(
                    ChatRequest.of("local:m", "slow"),
                    CallContext.standalone(Duration.ofMillis(300))));
    assertThat(((ProviderError.Timeout) e.error()).phase()).isEqualTo(ProviderError.Phase.ATTEMPT);
  }

  @Test
  void turnedOffEverythingGoesThroughOkHttp() throws Exception {
    try (HttpTransport okOnly = HttpTransport.builder().plainHttp1(false).build()) {
      OpenAiCompatibleProvider p =
          OpenAiCompatibleProvider.builder()
              .name("local")
              .baseUrl(server.url("/v1").toString())
              .apiKey(Secret.of("k"))
              .transport(okOnly)
              .build();
      server.enqueue(json(ANSWER).build());
      assertThat(p.call(ChatRequest.of("local:m", "x"), CallContext.standalone(GENEROUS)).text())
          .isEqualTo("ok");
      assertThat(okOnly.plainHttp1()).isFalse();
      assertThat(okOnly.connectionCount()).isEqualTo(1);
    }
  }
}
