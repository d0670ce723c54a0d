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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The OpenAI-compatible client over every {@link Transport}. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class OpenAiCompatibleProviderTest {
  @Parameter Transport wire;
  static final String KEY = "sk-proj-TESTKEY-0123456789abcdefABCDEF";
  static final CallContext CTX = CallContext.standalone(Duration.ofSeconds(20));

  MockWebServer server;
  HttpTransport transport;

  @BeforeEach
  void start() throws Exception {
    server = wire.startServer();
    transport = wire.client().build();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  OpenAiCompatibleProvider provider(String name) {
    return OpenAiCompatibleProvider.builder()
        .name(name)
        .baseUrl(server.url("/v1").toString())
        .apiKey(Secret.of(KEY))
        .transport(transport)
        .build();
  }

  static ChatRequest request(String model) {
    return ChatRequest.builder(model)
        .system("Be brief.")
        .user("Say hi")
        .maxTokens(64)
        .temperature(0.0)
        .stopSequences(List.of("\n\n"))
        .build();
  }

  @Test
  void nonStreamingRequestShapeUsageWithCachedTokensAndHeaders() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                """
        { "usage": { "total_tokens": 30, "completion_tokens": 10, "prompt_tokens": 20,
                     "prompt_tokens_details": { "cached_tokens": 8 },
                     "completion_tokens_details": { "reasoning_tokens": 0 } },
          "choices": [ { "finish_reason": "length", "message": { "content": "Hi!", "role": "assistant" }, "index": 0 } ],
          "model": "gpt-4o-mini-2024-07-18", "object": "chat.completion", "id": "chatcmpl-1" }
        """)
            .addHeader("x-request-id", "req_abc")
            .addHeader("x-ratelimit-remaining-tokens", "150000")
            .addHeader("x-ratelimit-reset-tokens", "6m0s")
            .build());
    Instant before = Instant.now();

    ChatResponse r = provider("openai").call(request("openai:gpt-4o-mini"), CTX);

    assertThat(r.text()).isEqualTo("Hi!");
    assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    assertThat(r.usage()).isEqualTo(new Usage(12, 10, 0, 8));
    assertThat(r.requestId()).isEqualTo("req_abc");
    assertThat(r.rateLimits().tokensRemaining()).isEqualTo(150_000L);
    assertThat(r.rateLimits().tokensReset())
        .isBetween(before.plusSeconds(359), Instant.now().plusSeconds(361));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(sent.getVersion()).isEqualTo(wire.version());
    assertThat(sent.getHeaders().get("authorization")).isEqualTo("Bearer " + KEY);
    JsonNode body = Json.MAPPER.readTree(sent.getBody().utf8());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("system");
    assertThat(body.get("messages").get(1).get("content").asText()).isEqualTo("Say hi");
    assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(64);
    assertThat(body.has("max_tokens")).isFalse();
    assertThat(body.get("stop").get(0).asText()).isEqualTo("\n\n");
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.0);
  }

  @Test
  void compatibleServersGetMaxTokensAndNoAuthWithoutAKey() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")
            .build());
    try (OpenAiCompatibleProvider vllm =
        OpenAiCompatibleProvider.builder()
            .name("vllm")
            .baseUrl(server.url("/v1/").toString())
            .transport(transport)
            .build()) {
      ChatResponse r = vllm.call(request("vllm:qwen"), CTX);
      assertThat(r.usage()).isEqualTo(Usage.ZERO);
      assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    }
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(sent.getHeaders().get("authorization")).isNull();
    assertThat(Json.MAPPER.readTree(sent.getBody().utf8()).get("max_tokens").asInt()).isEqualTo(64);
  }

  static final String STREAM =
      String.join(
          "",
          Sse.data(
              "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}"),
          Sse.data(
              "{\"choices\":[{\"delta\":{\"content\":\"Hel\"},\"index\":0,\"finish_reason\":null}],\"object\":\"chat.completion.chunk\",\"id\":\"c1\"}"),
          ": keep-alive\n\n",
          Sse.data(
              "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}"),
          Sse.data(
              "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
          Sse.data(
              "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}"),
          "data: [DONE]\n\n");

  @Test
  void streamingWithUsageChunkAndDone() throws Exception {
    server.enqueue(Sse.stream(STREAM).addHeader("x-request-id", "req_s").build());
    List<String> deltas = new ArrayList<>();

    ChatResponse r = provider("openai").stream(request("openai:gpt-4o-mini"), CTX, deltas::add);

    assertThat(deltas).containsExactly("Hel", "lo");
    assertThat(r.text()).isEqualTo("Hello");
    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(r.usage()).isEqualTo(Usage.of(9, 2));
    assertThat(r.requestId()).isEqualTo("req_s");
    assertThat(r.timeToFirstToken()).isNotNull();
    JsonNode body = Json.MAPPER.readTree(server.takeRequest().getBody().utf8());
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
  }

  @Test
  void xaiReasoningContentIsSeparateAndCompletionTokensAreAsReported() throws Exception {
    server.enqueue(
        Sse.stream(
                String.join(
                    "",
                    Sse.data(
                        "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"Thinking\"}}]}"),
                    Sse.data(
                        "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\" hard.\"}}]}"),
                    Sse.data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"42\"}}]}"),
                    Sse.data(
                        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"completion_tokens_details\":{\"reasoning_tokens\":300}}}"),
                    "data: [DONE]\n\n"))
            .build());
    List<String> reasoning = new ArrayList<>();
    List<String> text = new ArrayList<>();
    StreamObserver observer =
        new StreamObserver() {
          @Override
          public void onText(String delta) {
            text.add(delta);
          }

          @Override
          public void onReasoning(String delta) {
            reasoning.add(delta);
          }
        };

    ChatResponse r = provider("xai").stream(request("xai:grok-4"), CTX, observer);

    assertThat(reasoning).containsExactly("Thinking", " hard.");
    assertThat(text).containsExactly("42");
    assertThat(r.reasoning()).isEqualTo("Thinking hard.");
    assertThat(r.text()).isEqualTo("42");
    assertThat(r.usage().outputTokens()).isEqualTo(1);
  }

  @Test
  void nonStreamingReasoningField() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"4\",\"reasoning_content\":\"2+2\"},\"finish_reason\":\"stop\"}]}")
            .build());
    ChatResponse r = provider("xai").call(request("xai:grok-4"), CTX);
    assertThat(r.reasoning()).isEqualTo("2+2");
    assertThat(r.text()).isEqualTo("4");
  }

  @Test
  void errorObjectMidStreamIsClassified() {
    server.enqueue(
        Sse.stream(
                String.join(
                    "",
                    Sse.data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"}}]}"),
                    Sse.data(
                        "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")))
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> provider("openai").stream(request("openai:gpt-4o"), CTX, StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.ServerError.class);
    assertThat(e.error().httpStatus()).isEqualTo(200);
  }

  @Test
  void vllmFlatErrorMidStreamIsClassified() {
    server.enqueue(
        Sse.stream(
                Sse.data(
                    "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens\",\"type\":\"BadRequestError\",\"code\":400}"))
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> provider("vllm").stream(request("vllm:m"), CTX, StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.ContextTooLong.class);
  }

  @Test
  void rateLimitedRetriesButInsufficientQuotaNever() {
    server.enqueue(
        Sse.json(
                429,
                "{\"error\":{\"message\":\"Rate limit reached for gpt-4o on tokens per min (TPM)\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
            .addHeader("retry-after-ms", "750")
            .addHeader("retry-after", "1")
            .addHeader("x-request-id", "req_rl")
            .build());
    server.enqueue(
        Sse.json(
                429,
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}")
            .addHeader("retry-after", "1")
            .build());
    OpenAiCompatibleProvider p = provider("openai");

    ProviderException limited =
        catchThrowableOfType(ProviderException.class, () -> p.call(request("openai:gpt-4o"), CTX));
    assertThat(limited.error())
        .isInstanceOfSatisfying(
            ProviderError.RateLimited.class,
            r -> {
              assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(750));
              assertThat(r.scope()).isEqualTo(ProviderError.Scope.TOKENS);
            });
    assertThat(limited.retryable()).isTrue();
    assertThat(limited.requestId()).isEqualTo("req_rl");

    ProviderException quota =
        catchThrowableOfType(ProviderException.class, () -> p.call(request("openai:gpt-4o"), CTX));
    assertThat(quota.error()).isInstanceOf(ProviderError.QuotaExhausted.class);
    assertThat(quota.retryable()).isFalse();
  }

  @Test
  void llamaCppNestedIntegerCodeError() {
    server.enqueue(
        Sse.json(
                400,
                "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\",\"type\":\"exceed_context_size_error\"}}")
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> provider("llamacpp").call(request("llamacpp:any"), CTX));
    assertThat(e.error()).isInstanceOf(ProviderError.ContextTooLong.class);
  }

  @Test
  void streamWithoutDoneIsAcceptedAfterAFinishReasonButNotBefore() throws Exception {
    server.enqueue(
        Sse.stream(
                String.join(
                    "",
                    Sse.data(
                        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"done\"},\"finish_reason\":\"stop\"}]}")))
            .build());
    assertThat(
            provider("ollama").stream(request("ollama:llama3.2"), CTX, StreamObserver.NONE).text())
        .isEqualTo("done");

    server.enqueue(
        Sse.stream(Sse.data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"cut\"}}]}"))
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> provider("ollama").stream(request("ollama:llama3.2"), CTX, StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
  }

  @Test
  void malformedChunkIsMalformedResponse() {
    server.enqueue(Sse.stream(Sse.data("{\"choices\":[{\"index\":0,")).build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> provider("openai").stream(request("openai:gpt-4o"), CTX, StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.MalformedResponse.class);
  }

  @Test
  void aStreamRequestAnsweredWithAJsonErrorAt200IsClassified() {
    server.enqueue(
        Sse.json(
                200,
                "{\"error\":{\"message\":\"model is loading\",\"type\":\"unavailable_error\",\"code\":503}}")
            .build());
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> provider("llamacpp").stream(request("llamacpp:any"), CTX, StreamObserver.NONE));
    assertThat(e.error()).isInstanceOf(ProviderError.ServerError.class);
  }

  @Test
  void aStreamRequestAnsweredWithOneJsonCompletionStillStreamsItsText() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"all at once\"},\"finish_reason\":\"stop\"}]}")
            .build());
    List<String> deltas = new ArrayList<>();
    ChatResponse r = provider("llamacpp").stream(request("llamacpp:any"), CTX, deltas::add);
    assertThat(deltas).containsExactly("all at once");
    assertThat(r.timeToFirstToken()).isNotNull();
  }

  @Test
  void contentFilterFinishReason() throws Exception {
    server.enqueue(
        Sse.json(
                200,
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":\"content_filter\"}]}")
            .build());
    ChatResponse r = provider("openai").call(request("openai:gpt-4o"), CTX);
    assertThat(r.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(r.text()).isEmpty();
  }
}
