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
import io.chorus.providers.HttpTransport;
import io.chorus.providers.Secret;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "response bodies have no size cap (five 150 MB answers → {@code OutOfMemoryError} at
 * {@code -Xmx512m})". A body or one server-sent event over the transport's limit fails the attempt
 * with a message naming the limit, is not retried, and is not read further.
 */
class UnboundedResponseBodyExhaustsTheHeapTest {
  MockWebServer server;
  HttpTransport transport;
  Provider provider;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    transport =
        HttpTransport.builder().maxResponseBytes(64 * 1024).maxEventBytes(16 * 1024).build();
    provider =
        AnthropicProvider.builder()
            .baseUrl(server.url("/").toString())
            .apiKey(Secret.of("k"))
            .transport(transport)
            .build();
  }

  @AfterEach
  void stop() {
    provider.close();
    transport.close();
    server.close();
  }

  /** {@code bytes} of one JSON string value, written in pieces (never held whole by the server). */
  static MockResponseBody endless(String head, long bytes) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8(head);
        byte[] chunk = "a".repeat(8192).getBytes();
        for (long n = 0; n < bytes; n += chunk.length) {
          sink.write(chunk);
        }
        sink.flush();
      }
    };
  }

  static CallContext context() {
    return new CallContext("t/1", 1, Duration.ofSeconds(20), null, null);
  }

  @Test
  void anOversizeJsonBodyFailsNamingTheLimit() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("content-type", "application/json")
            .body(endless("{\"content\":[{\"type\":\"text\",\"text\":\"", 1 << 20))
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> provider.call(ChatRequest.of("anthropic:claude-haiku-4-5", "hi"), context()));
    assertThat(e.error()).isInstanceOf(ProviderError.MalformedResponse.class);
    assertThat(e.getMessage()).contains("response body larger than the 65536 bytes limit");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void anOversizeServerSentEventFailsNamingTheLimit() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("content-type", "text/event-stream")
            .body(endless("event: content_block_delta\ndata: {\"x\":\"", 1 << 20))
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                provider.stream(
                    ChatRequest.of("anthropic:claude-haiku-4-5", "hi"),
                    context(),
                    StreamObserver.NONE));
    assertThat(e.getMessage()).contains("server-sent event larger than the 16384 bytes limit");
    assertThat(e.retryable()).isFalse();
  }
}
