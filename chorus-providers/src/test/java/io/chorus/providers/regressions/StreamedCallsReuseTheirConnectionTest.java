package io.chorus.providers.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.StreamObserver;
import io.chorus.providers.OpenAiCompatibleProvider;
import io.chorus.providers.Secret;
import io.chorus.providers.Transport;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "The plain-HTTP/1.1 client opens a new TCP connection for every streamed call (10,003 connections
 * for 10,000 streams, against 160 for OkHttp)": the decoder stops at {@code [DONE]}, before the
 * chunk that ends the body, and the body was closed unread, so the connection was dropped. Streamed
 * calls must reuse connections on every transport: at most the concurrency plus a few. (One OkHttp
 * pool: each of OkHttp's striped pools keeps connections of its own by design.)
 */
class StreamedCallsReuseTheirConnectionTest {
  static final String STREAM =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\ndata: [DONE]\n\n";
  static final int CALLS = 40;
  static final int CONCURRENCY = 4;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Transport.class)
  void streamsReuseConnections(Transport transport) throws Exception {
    try (MockWebServer server = transport.startServer();
        var http = transport.client().connectionPools(1).build();
        OpenAiCompatibleProvider provider =
            OpenAiCompatibleProvider.builder()
                .name("local")
                .baseUrl(server.url("/v1").toString())
                .apiKey(Secret.of("k"))
                .transport(http)
                .build()) {
      for (int i = 0; i < CALLS; i++) {
        // chunked, as streaming servers send it: the terminating chunk follows [DONE]
        MockResponse.Builder b =
            new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream");
        server.enqueue((transport.http2() ? b.body(STREAM) : b.chunkedBody(STREAM, 64)).build());
      }
      Callable<String> call =
          () ->
              provider.stream(
                      ChatRequest.of("local:m", "hi"),
                      CallContext.standalone(Duration.ofSeconds(20)),
                      StreamObserver.NONE)
                  .text();
      try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
        List<Future<String>> results = pool.invokeAll(java.util.Collections.nCopies(CALLS, call));
        for (Future<String> f : results) {
          assertThat(f.get()).isEqualTo("ok");
        }
      }
      Set<Integer> connections = new HashSet<>();
      for (int i = 0; i < CALLS; i++) {
        connections.add(server.takeRequest().getConnectionIndex());
      }
      assertThat(connections.size())
          .as("connections for %s streamed calls", CALLS)
          .isLessThanOrEqualTo(CONCURRENCY + 2);
    }
  }
}
