package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StopReason;
import io.chorus.core.StreamObserver;
import io.chorus.core.Usage;
import io.chorus.providers.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The Anthropic Messages client over every {@link Transport}. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class AnthropicProviderTest {
  @Parameter Transport transport;
  static final String KEY = "sk-ant-api03-TESTKEY-0123456789abcdefABCDEF";
  static final CallContext CTX = CallContext.standalone(Duration.ofSeconds(20));

  MockWebServer server;
  HttpTransport http;
  AnthropicProvider provider;

  @BeforeEach
  void start() throws Exception {
    server = transport.startServer();
    http = transport.client().build();
    provider =
        AnthropicProvider.builder()
            .baseUrl(server.url("/").toString())
            .apiKey(Secret.of(KEY))
            .transport(http)
            .build();
  }

  @AfterEach
  void stop() {
    provider.close();
    http.close();
    server.close();
  }

  static ChatRequest request() {
    return ChatRequest.builder("anthropic:claude-sonnet-4-5")
        .system("Be brief.")
        .cacheSystemPrompt(true)
        .user("Say hi")
        .maxTokens(50)
        .temperature(0.5)
        .stopSequences(List.of("END"))
        .build();
  }

  @Test
  void nonStreamingWithPaddedReorderedJsonUsageHeadersAndRequestShape() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                """
        {  "usage" : { "output_tokens" : 7 , "cache_read_input_tokens" : 100, "input_tokens" : 12,
             "cache_creation_input_tokens" : 30 },
           "stop_sequence" : null , "stop_reason" : "end_turn", "model": "claude-sonnet-4-5-20250929",
           "content" : [ { "text" : "Hi", "type" : "text" }, {"type":"text","text":" there"} ],
           "role":"assistant", "type":"message", "id":"msg_01" }
        """)
            .addHeader("request-id", "req_011CQ")
            .addHeader("anthropic-ratelimit-requests-remaining", "49")
            .addHeader("anthropic-ratelimit-requests-reset", "2030-01-01T00:00:00Z")
            .build());

    ChatResponse r = provider.call(request(), CTX);

    assertThat(r.text()).isEqualTo("Hi there");
    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(r.usage()).isEqualTo(new Usage(12, 7, 30, 100));
    assertThat(r.requestId()).isEqualTo("req_011CQ");
    assertThat(r.model().toString()).isEqualTo("anthropic:claude-sonnet-4-5");
    assertThat(r.rateLimits().requestsRemaining()).isEqualTo(49L);
    assertThat(r.latency()).isPositive();
    assertThat(r.timeToFirstToken()).isNull();
    assertThat(r.synthetic()).isFalse();

    RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getVersion()).isEqualTo(transport.version());
    assertThat(sent.getHandshake() != null).isEqualTo(transport.tls());
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(sent.getHeaders().get("x-api-key")).isEqualTo(KEY);
    assertThat(sent.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    JsonNode body = Json.MAPPER.readTree(sent.getBody().utf8());
    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(50);
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.5);
    assertThat(body.get("stop_sequences").get(0).asText()).isEqualTo("END");
    assertThat(body.get("system").get(0).get("text").asText()).isEqualTo("Be brief.");
    assertThat(body.get("system").get(0).get("cache_control").get("type").asText())
        .isEqualTo("ephemeral");
    assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
    assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("Say hi");
    assertThat(body.has("stream")).isFalse();
  }

  @Test
  void plainSystemPromptWithoutCaching() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"max_tokens\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}")
            .build());
    ChatResponse r = provider.call(request().toBuilder().cacheSystemPrompt(false).build(), CTX);
    assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    JsonNode body = Json.MAPPER.readTree(server.takeRequest().getBody().utf8());
    assertThat(body.get("system").asText()).isEqualTo("Be brief.");
  }

  static final String STREAM =
      String.join(
          "",
          Sse.event(
              "message_start",
              "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":40,\"output_tokens\":1}}}"),
          ": a comment the parser must skip\n\n",
          Sse.event("ping", "{\"type\": \"ping\"}"),
          Sse.event(
              "content_block_start",
              "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"),
          Sse.event(
              "content_block_delta",
              "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think.\"}}"),
          Sse.event(
              "content_block_delta",
              "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"abc\"}}"),
          Sse.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
          Sse.event(
              "content_block_start",
              "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
          Sse.event(
              "content_block_delta",
              "{ \"delta\" : { \"text\" : \"Hello\", \"type\" : \"text_delta\" }, \"index\" : 1, \"type\" : \"content_block_delta\" }"),
          Sse.event(
              "content_block_delta",
              "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\", w\u00f6rld \u2603\"}}"),
          Sse.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
          Sse.event(
              "message_delta",
              "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"},\"usage\":{\"output_tokens\":15}}"),
          Sse.event("message_stop", "{\"type\":\"message_stop\"}"));

  @Test
  void streamingDeliversDeltasInOrderWithCumulativeUsage() throws Exception {
    server.enqueue(Sse.stream(STREAM).addHeader("request-id", "req_stream").build());
    List<String> text = new ArrayList<>();
    List<String> thinking = new ArrayList<>();
    StreamObserver observer =
        new StreamObserver() {
          @Override
          public void onText(String delta) {
            text.add(delta);
          }

          @Override
          public void onReasoning(String delta) {
            thinking.add(delta);
          }
        };

    ChatResponse r = provider.stream(request(), CTX, observer);

    assertThat(text).containsExactly("Hello", ", w\u00f6rld \u2603");
    assertThat(thinking).containsExactly("Let me think.");
    assertThat(r.text()).isEqualTo("Hello, w\u00f6rld \u2603");
    assertThat(r.reasoning()).isEqualTo("Let me think.");
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
    assertThat(r.usage()).isEqualTo(new Usage(25, 15, 0, 40));
    assertThat(r.requestId()).isEqualTo("req_stream");
    assertThat(r.timeToFirstToken()).isNotNull().isPositive().isLessThanOrEqualTo(r.latency());
    RecordedRequest sent = server.takeRequest();
    assertThat(Json.MAPPER.readTree(sent.getBody().utf8()).get("stream").asBoolean()).isTrue();
    assertThat(sent.getHeaders().get("accept")).isEqualTo("text/event-stream");
  }

  @Test
  void messageDeltaWithFullCumulativeUsageReplacesStartUsage() throws Exception {
    server.enqueue(
        Sse.stream(
                String.join(
                    "",
                    Sse.event(
                        "message_start",
                        "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"),
                    Sse.event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}"),
                    Sse.event(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"input_tokens\":6,\"cache_creation_input_tokens\":9,\"cache_read_input_tokens\":0,\"output_tokens\":3}}"),
                    Sse.event("message_stop", "{\"type\":\"message_stop\"}")))
            .build());
    ChatResponse r = provider.stream(request(), CTX, StreamObserver.NONE);
    assertThat(r.usage()).isEqualTo(new Usage(6, 3, 9, 0));
  }

  @Test
  void errorEventAfterHttp200IsClassified() {
    server.enqueue(
        Sse.stream(
                String.join(
                    "",
                    Sse.event(
                        "message_start",
                        "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"),
                    Sse.event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"partial\"}}"),
                    Sse.event(
                        "error",
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")))
            .addHeader("request-id", "req_err")
            .build());
    List<String> seen = new ArrayList<>();
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> provider.stream(request(), CTX, seen::add));
    assertThat(seen).containsExactly("partial");
    assertThat(e.error()).isInstanceOf(ProviderError.Overloaded.class);
    assertThat(e.error().message()).contains("Overloaded").contains("inside the stream");
    assertThat(e.requestId()).isEqualTo("req_err");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void httpErrorCarriesRateLimitsRetryAfterAndShouldRetry() {
    server.enqueue(
        Sse.json(
                429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}")
            .addHeader("retry-after", "12")
            .addHeader("anthropic-ratelimit-tokens-remaining", "0")
            .addHeader("x-should-retry", "false")
            .addHeader("request-id", "req_429")
            .build());
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider.call(request(), CTX));
    ProviderError.RateLimited limited = (ProviderError.RateLimited) e.error();
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    assertThat(limited.scope()).isEqualTo(ProviderError.Scope.TOKENS);
    assertThat(e.rateLimits().tokensRemaining()).isEqualTo(0L);
    assertThat(e.shouldRetry()).isFalse();
    assertThat(e.retryable()).isFalse();
    assertThat(e.requestId()).isEqualTo("req_429");
    assertThat(e.getMessage()).contains("rate_limited (HTTP 429)").contains("req_429");
  }

  @Test
  void shouldRetryTrueOverridesANonRetryableClass() {
    server.enqueue(
        Sse.json(
                400,
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}")
            .addHeader("x-should-retry", "true")
            .build());
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider.call(request(), CTX));
    assertThat(e.error()).isInstanceOf(ProviderError.InvalidRequest.class);
    assertThat(e.shouldRetry()).isTrue();
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void streamEndingBeforeMessageStopIsABrokenConnection() {
    server.enqueue(
        Sse.stream(
                String.join(
                    "",
                    Sse.event(
                        "message_start",
                        "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"),
                    Sse.event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"cut\"}}")))
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> provider.stream(request(), CTX, StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
    assertThat(e.error().message()).contains("truncated");
  }

  @Test
  void malformedBodiesAreMalformedResponses() {
    server.enqueue(
        Sse.json(200, "{\"content\":[{\"type\":\"text\",\"text\":\"unterminated").build());
    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> provider.call(request(), CTX));
    assertThat(e.error()).isInstanceOf(ProviderError.MalformedResponse.class);

    server.enqueue(Sse.json(200, "{\"id\":\"msg\",\"type\":\"message\"}").build());
    e = catchThrowableOfType(ProviderException.class, () -> provider.call(request(), CTX));
    assertThat(e.error()).isInstanceOf(ProviderError.MalformedResponse.class);

    server.enqueue(Sse.stream(Sse.event("message_start", "{not json")).build());
    e =
        catchThrowableOfType(
            ProviderException.class, () -> provider.stream(request(), CTX, StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.MalformedResponse.class);
  }

  @Test
  void refusalMapsToContentFilter() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                "{\"content\":[],\"stop_reason\":\"refusal\",\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}")
            .build());
    assertThat(provider.call(request(), CTX).stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
  }
}
