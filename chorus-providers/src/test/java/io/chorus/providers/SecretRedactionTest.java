package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StreamObserver;
import io.chorus.providers.internal.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
  static final String KEY = "sk-ant-api03-SECRETSECRETSECRET-9xYz";

  @Test
  void toStringAndJsonAreRedacted() throws Exception {
    Secret s = Secret.of(KEY);
    assertThat(s.toString()).isEqualTo("sk-…9xYz");
    assertThat(Json.MAPPER.writeValueAsString(Map.of("key", s)))
        .isEqualTo("{\"key\":\"sk-…9xYz\"}");
    assertThat(Secret.of("short-key").toString()).isEqualTo("***");
    assertThat(s.reveal()).isEqualTo(KEY);
    assertThat(s).isEqualTo(Secret.of(" " + KEY + " "));
    assertThat(s.scrub("bad key " + KEY + "!")).isEqualTo("bad key sk-…9xYz!");
    assertThatThrownBy(() -> Secret.of("  ")).hasMessage("secret is blank");
  }

  @Test
  void providersNeverPrintTheirKey() {
    try (AnthropicProvider a = AnthropicProvider.builder().apiKey(Secret.of(KEY)).build();
        OpenAiCompatibleProvider o =
            OpenAiCompatibleProvider.builder().apiKey(Secret.of(KEY)).build()) {
      assertThat(a.toString()).doesNotContain(KEY).contains("sk-…9xYz");
      assertThat(o.toString()).doesNotContain(KEY).contains("sk-…9xYz");
    }
  }

  @Test
  void aKeyEchoedByTheServerIsScrubbedFromExceptions() throws Exception {
    try (MockWebServer server = new MockWebServer();
        HttpTransport transport = HttpTransport.create()) {
      server.start();
      server.enqueue(
          Sse.json(
                  401,
                  "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key: "
                      + KEY
                      + "\"}}")
              .build());
      server.enqueue(
          Sse.stream(
                  Sse.data(
                      "{\"error\":{\"message\":\"key "
                          + KEY
                          + " revoked\",\"type\":\"invalid_request_error\"}}"))
              .build());
      AnthropicProvider anthropic =
          AnthropicProvider.builder()
              .baseUrl(server.url("/").toString())
              .apiKey(Secret.of(KEY))
              .transport(transport)
              .build();
      OpenAiCompatibleProvider openai =
          OpenAiCompatibleProvider.builder()
              .baseUrl(server.url("/v1").toString())
              .apiKey(Secret.of(KEY))
              .transport(transport)
              .build();
      CallContext ctx = CallContext.standalone(Duration.ofSeconds(10));

      ProviderException e1 =
          catchThrowableOfType(
              ProviderException.class,
              () -> anthropic.call(ChatRequest.of("anthropic:m", "hi"), ctx));
      ProviderException e2 =
          catchThrowableOfType(
              ProviderException.class,
              () -> openai.stream(ChatRequest.of("openai:m", "hi"), ctx, StreamObserver.NONE));

      assertThat(e1.error()).isInstanceOf(ProviderError.Authentication.class);
      for (ProviderException e : new ProviderException[] {e1, e2}) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString() + e.error()).doesNotContain(KEY).contains("sk-…9xYz");
      }
    }
  }
}
