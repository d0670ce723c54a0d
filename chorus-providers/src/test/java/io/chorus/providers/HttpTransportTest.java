package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On OkHttp, the transport stripes its calls over several connection pools, each keeping its own
 * connections.
 */
class HttpTransportTest {
  private static final String ANSWER =
      "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int connectionsAfterSequentialCalls(HttpTransport transport, int calls) throws Exception {
    OpenAiCompatibleProvider provider =
        OpenAiCompatibleProvider.builder()
            .name("local")
            .baseUrl(server.url("/v1").toString())
            .apiKey(Secret.of("k"))
            .transport(transport)
            .build();
    for (int i = 0; i < calls; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("content-type", "application/json")
              .body(ANSWER)
              .build());
      assertThat(
              provider
                  .call(
                      ChatRequest.of("local:m", "hi " + i),
                      CallContext.standalone(Duration.ofSeconds(10)))
                  .text())
          .isEqualTo("ok");
    }
    return transport.connectionCount();
  }

  @Test
  void sequentialCallsTakeThePoolsInTurnAndReuseEachPoolsConnection() throws Exception {
    try (HttpTransport transport =
        HttpTransport.builder().plainHttp1(false).connectionPools(4).build()) {
      assertThat(connectionsAfterSequentialCalls(transport, 12)).isEqualTo(4);
      assertThat(transport.toString()).isEqualTo("HttpTransport[pools=4, connections=4]");
    }
    assertThat(server.getRequestCount()).isEqualTo(12);
  }

  @Test
  void onePoolKeepsOneConnection() throws Exception {
    try (HttpTransport transport =
        HttpTransport.builder().plainHttp1(false).connectionPools(1).build()) {
      assertThat(connectionsAfterSequentialCalls(transport, 5)).isEqualTo(1);
    }
  }

  @Test
  void closingEvictsTheConnectionsOfEveryPool() throws Exception {
    HttpTransport transport = HttpTransport.builder().plainHttp1(false).connectionPools(3).build();
    assertThat(connectionsAfterSequentialCalls(transport, 3)).isEqualTo(3);
    transport.close();
    assertThat(transport.connectionCount()).isZero();
  }

  @Test
  void rejectsAPoolCountOutOfRange() {
    assertThatThrownBy(() -> HttpTransport.builder().connectionPools(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectionPools must be between 1 and 256, was 0");
  }
}
