package io.chorus.providers.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StreamObserver;
import io.chorus.providers.AnthropicProvider;
import io.chorus.providers.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "a non-streaming call on a stalled connection waits 10 minutes × 3 attempts", and
 * "truncated or text/html streams … never mention the content type". Non-streaming body reads now
 * have the idle timeout too (60 s by default, {@code Timeouts.DEFAULT}), and a stream request
 * answered with an HTML page names the content type.
 */
class NonStreamingStallWaitsForTheAttemptTimeoutTest {
  MockWebServer server;
  Provider provider;
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    provider =
        AnthropicProvider.builder()
            .baseUrl(server.url("/").toString())
            .apiKey(Secret.of("k"))
            .build();
  }

  @AfterEach
  void stop() {
    release.countDown();
    provider.close();
    server.close();
  }

  @Test
  void aNonStreamingBodyThatStallsAfterItsHeadersTimesOutIdle() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("content-type", "application/json")
            .body(
                new MockResponseBody() {
                  @Override
                  public long getContentLength() {
                    return -1;
                  }

                  @Override
                  public void writeTo(BufferedSink sink) throws IOException {
                    sink.writeUtf8("{\"content\":[");
                    sink.flush();
                    try {
                      release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                })
            .build());
    CallContext ctx =
        new CallContext("t/1", 1, Duration.ofSeconds(25), null, Duration.ofMillis(300));
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> provider.call(ChatRequest.of("anthropic:claude-haiku-4-5", "hi"), ctx));
    assertThat(e.error())
        .isInstanceOfSatisfying(
            ProviderError.Timeout.class,
            t -> assertThat(t.phase()).isEqualTo(ProviderError.Phase.IDLE));
  }

  @Test
  void aStreamAnsweredWithAnHtmlPageNamesTheContentType() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("content-type", "text/html; charset=utf-8")
            .body("<html><body>Please sign in to the Wi-Fi</body></html>")
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                provider.stream(
                    ChatRequest.of("anthropic:claude-haiku-4-5", "hi"),
                    new CallContext("t/1", 1, Duration.ofSeconds(20), null, null),
                    StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.MalformedResponse.class);
    assertThat(e.getMessage()).contains("expected a text/event-stream, got text/html", "sign in");
  }
}
