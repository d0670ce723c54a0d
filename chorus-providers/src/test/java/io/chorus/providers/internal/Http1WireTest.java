package io.chorus.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** The byte-level parts of the plain HTTP/1.1 path. */
class Http1WireTest {

  @Test
  void aRequestIsOneBlockOfRequestLineHeadersAndBody() throws IOException {
    Request r =
        new Request.Builder()
            .url("http://127.0.0.1:8000/v1/chat/completions?x=1")
            .header("Authorization", "Bearer k")
            .header("Connection", "keep-alive")
            .post(RequestBody.create("{\"a\":1}", MediaType.parse("application/json")))
            .build();
    String wire = new String(Http1Call.encode(r), StandardCharsets.ISO_8859_1);
    assertThat(wire)
        .isEqualTo(
            "POST /v1/chat/completions?x=1 HTTP/1.1\r\n"
                + "Host: 127.0.0.1:8000\r\n"
                + "Authorization: Bearer k\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: 7\r\n"
                + "\r\n"
                + "{\"a\":1}");
  }

  @Test
  void aBodyLargerThanOneBufferSegmentIsCopiedWhole() throws IOException {
    String big = "{\"p\":\"" + "x".repeat(20_000) + "\"}"; // okio moves 8 KiB segments at a time
    Request r =
        new Request.Builder()
            .url("http://127.0.0.1:8000/v1/messages")
            .post(RequestBody.create(big, MediaType.parse("application/json")))
            .build();
    String wire = new String(Http1Call.encode(r), StandardCharsets.ISO_8859_1);
    assertThat(wire)
        .endsWith("\r\n\r\n" + big)
        .contains("Content-Length: " + big.length() + "\r\n");
  }

  @Test
  void theDefaultPortIsLeftOutOfTheHostHeader() throws IOException {
    Request r = new Request.Builder().url("http://localhost/health").get().build();
    assertThat(new String(Http1Call.encode(r), StandardCharsets.ISO_8859_1))
        .isEqualTo("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  }

  @Test
  void chunkSizesAreHexWithOptionalExtensions() throws ProtocolException {
    assertThat(Http1Body.chunkSize("1a")).isEqualTo(26);
    assertThat(Http1Body.chunkSize("0")).isZero();
    assertThat(Http1Body.chunkSize("FF;name=value")).isEqualTo(255);
    assertThatThrownBy(() -> Http1Body.chunkSize("zz"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("bad chunk size 'zz'");
    assertThatThrownBy(() -> Http1Body.chunkSize("")).isInstanceOf(ProtocolException.class);
  }

  @Test
  void aCallCancelledBeforeItRunsSendsNothing() {
    try (Http1Client client = new Http1Client(4, Duration.ofMinutes(1), Duration.ofSeconds(1))) {
      // a port nobody listens on: had it tried to connect, the error would say so
      WireCall call =
          client.newCall(new Request.Builder().url("http://127.0.0.1:9/x").get().build());
      call.cancel();
      assertThat(call.isCanceled()).isTrue();
      assertThatThrownBy(call::execute).isInstanceOf(IOException.class).hasMessage("Canceled");
    }
  }

  @Test
  void tlsIsNotItsJob() {
    try (Http1Client client = new Http1Client(4, Duration.ofMinutes(1), Duration.ofSeconds(1))) {
      assertThatThrownBy(
              () ->
                  client.newCall(
                      new Request.Builder().url("https://example.invalid/x").get().build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not speak TLS");
    }
  }

  private static String get(Http1Client client, mockwebserver3.MockWebServer server)
      throws IOException {
    try (okhttp3.Response r =
        client.newCall(new Request.Builder().url(server.url("/x")).get().build()).execute()) {
      return r.body().string();
    }
  }

  @Test
  void aPooledConnectionTheServerClosedIsProbedAndReplacedNotUsed() throws Exception {
    try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer();
        Http1Client client =
            new Http1Client(4, Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ZERO)) {
      server.start();
      // the server hangs up after the first response, without saying "Connection: close"
      server.enqueue(
          new mockwebserver3.MockResponse.Builder()
              .body("one")
              .onResponseEnd(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE)
              .build());
      server.enqueue(new mockwebserver3.MockResponse.Builder().body("two").build());
      server.enqueue(new mockwebserver3.MockResponse.Builder().body("three").build());
      assertThat(get(client, server)).isEqualTo("one");
      assertThat(client.idleConnections()).isEqualTo(1); // it looked reusable
      assertThat(get(client, server))
          .isEqualTo("two"); // the probe found it closed: a new connection
      assertThat(get(client, server)).isEqualTo("three"); // this one the probe finds open: reused
      int first = server.takeRequest().getConnectionIndex();
      int second = server.takeRequest().getConnectionIndex();
      int third = server.takeRequest().getConnectionIndex();
      assertThat(second).isNotEqualTo(first);
      assertThat(third).isEqualTo(second);
    }
  }
}
