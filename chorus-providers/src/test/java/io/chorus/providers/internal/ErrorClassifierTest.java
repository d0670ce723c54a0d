package io.chorus.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.chorus.core.ProviderError;
import io.chorus.core.ProviderError.Scope;
import io.chorus.core.RateLimitInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Status + body + headers → error class, for every provider dialect we speak. */
class ErrorClassifierTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  static String anthropic(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":\""
        + type
        + "\",\"message\":\""
        + message
        + "\"},\"request_id\":\"req_1\"}";
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // Anthropic, padded and reordered in places
        arguments(
            "anthropic 400",
            400,
            anthropic("invalid_request_error", "max_tokens: Field required"),
            Headers.of(),
            ProviderError.InvalidRequest.class),
        arguments(
            "anthropic 400 prompt too long",
            400,
            anthropic(
                "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"),
            Headers.of(),
            ProviderError.ContextTooLong.class),
        arguments(
            "anthropic 401",
            401,
            anthropic("authentication_error", "invalid x-api-key"),
            Headers.of(),
            ProviderError.Authentication.class),
        arguments(
            "anthropic 402",
            402,
            anthropic("billing_error", "credit balance too low"),
            Headers.of(),
            ProviderError.QuotaExhausted.class),
        arguments(
            "anthropic 403",
            403,
            anthropic("permission_error", "no access"),
            Headers.of(),
            ProviderError.PermissionDenied.class),
        arguments(
            "anthropic 404",
            404,
            anthropic("not_found_error", "model: claude-9"),
            Headers.of(),
            ProviderError.NotFound.class),
        arguments(
            "anthropic 413",
            413,
            anthropic("request_too_large", "Request exceeds the maximum allowed number of bytes."),
            Headers.of(),
            ProviderError.ContextTooLong.class),
        arguments(
            "anthropic 429",
            429,
            "{ \"error\" : { \"message\" : \"Number of request tokens has exceeded your per-minute rate limit\", \"type\" : \"rate_limit_error\" }, \"type\" : \"error\" }",
            Headers.of("retry-after", "12"),
            ProviderError.RateLimited.class),
        arguments(
            "anthropic 500",
            500,
            anthropic("api_error", "Internal server error"),
            Headers.of(),
            ProviderError.ServerError.class),
        arguments(
            "anthropic 504",
            504,
            anthropic("timeout_error", "Request timed out"),
            Headers.of(),
            ProviderError.ServerError.class),
        arguments(
            "anthropic 529",
            529,
            anthropic("overloaded_error", "Overloaded"),
            Headers.of("retry-after", "3"),
            ProviderError.Overloaded.class),
        // OpenAI
        arguments(
            "openai 429 rate limit",
            429,
            "{\"error\":{\"message\":\"Rate limit reached for gpt-4o on requests per min (RPM): Limit 500\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
            Headers.of("x-ratelimit-remaining-requests", "0"),
            ProviderError.RateLimited.class),
        arguments(
            "openai 429 quota",
            429,
            "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
            Headers.of(),
            ProviderError.QuotaExhausted.class),
        arguments(
            "openai 400 context",
            400,
            "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}",
            Headers.of(),
            ProviderError.ContextTooLong.class),
        arguments(
            "openai 400 content filter",
            400,
            "{\"error\":{\"message\":\"Your request was rejected by our safety system\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}",
            Headers.of(),
            ProviderError.ContentFiltered.class),
        arguments(
            "openai 401",
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: sk-abc***wxyz.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
            Headers.of(),
            ProviderError.Authentication.class),
        arguments(
            "openai 503",
            503,
            "{\"error\":{\"message\":\"The engine is currently overloaded\",\"type\":\"server_error\"}}",
            Headers.of("retry-after-ms", "250"),
            ProviderError.Overloaded.class),
        arguments(
            "openai 502 html",
            502,
            "<html><body>Bad gateway</body></html>",
            Headers.of(),
            ProviderError.ServerError.class),
        arguments("openai 408", 408, "", Headers.of(), ProviderError.Timeout.class),
        // vLLM: flat, integer code
        arguments(
            "vllm flat 400",
            400,
            "{\"object\":\"error\",\"message\":\"max_tokens must be at least 1\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}",
            Headers.of(),
            ProviderError.InvalidRequest.class),
        arguments(
            "vllm flat context",
            400,
            "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens\",\"type\":\"BadRequestError\",\"code\":400}",
            Headers.of(),
            ProviderError.ContextTooLong.class),
        arguments(
            "vllm nested 404",
            404,
            "{\"error\":{\"message\":\"The model `x` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}}",
            Headers.of(),
            ProviderError.NotFound.class),
        // llama.cpp: nested, integer code
        arguments(
            "llamacpp context",
            400,
            "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":5000,\"n_ctx\":4096}}",
            Headers.of(),
            ProviderError.ContextTooLong.class),
        arguments(
            "llamacpp 503 loading",
            503,
            "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}",
            Headers.of(),
            ProviderError.Overloaded.class),
        // Ollama native and xAI: flat error string
        arguments(
            "ollama flat 404",
            404,
            "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}",
            Headers.of(),
            ProviderError.NotFound.class),
        arguments(
            "xai flat 400",
            400,
            "{\"code\":\"Client specified an invalid argument\",\"error\":\"Incorrect API key provided\"}",
            Headers.of(),
            ProviderError.InvalidRequest.class),
        // mid-stream error events (HTTP 200)
        arguments(
            "anthropic stream overloaded",
            200,
            anthropic("overloaded_error", "Overloaded"),
            Headers.of(),
            ProviderError.Overloaded.class),
        arguments(
            "anthropic stream api_error",
            200,
            anthropic("api_error", "boom"),
            Headers.of(),
            ProviderError.ServerError.class),
        arguments(
            "openai stream rate limit",
            200,
            "{\"error\":{\"message\":\"slow down\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}",
            Headers.of(),
            ProviderError.RateLimited.class),
        arguments("unknown 418", 418, "teapot", Headers.of(), ProviderError.InvalidRequest.class),
        arguments("unknown 599", 599, "", Headers.of(), ProviderError.ServerError.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void classifies(
      String label,
      int status,
      String body,
      Headers headers,
      Class<? extends ProviderError> expected) {
    RateLimitInfo limits = RateLimitHeaders.parse(headers, NOW);
    ProviderError error = ErrorClassifier.classify(status, ErrorBody.parse(body), limits);
    assertThat(error).as(label).isInstanceOf(expected);
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.message()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retryDetails")
  void retryDetails(
      String label,
      int status,
      String body,
      Headers headers,
      boolean retryable,
      Scope scope,
      Duration retryAfter) {
    ProviderError error =
        ErrorClassifier.classify(
            status, ErrorBody.parse(body), RateLimitHeaders.parse(headers, NOW));
    assertThat(error.retryable()).as(label).isEqualTo(retryable);
    if (error instanceof ProviderError.RateLimited r) {
      assertThat(r.scope()).as(label).isEqualTo(scope);
      assertThat(r.retryAfter()).as(label).isEqualTo(retryAfter);
    } else if (error instanceof ProviderError.Overloaded o) {
      assertThat(o.retryAfter()).as(label).isEqualTo(retryAfter);
    }
  }

  static Stream<Arguments> retryDetails() {
    return Stream.of(
        arguments(
            "anthropic tokens 429",
            429,
            anthropic(
                "rate_limit_error",
                "Number of request tokens has exceeded your per-minute rate limit"),
            Headers.of("retry-after", "12"),
            true,
            Scope.TOKENS,
            Duration.ofSeconds(12)),
        arguments(
            "openai requests 429",
            429,
            "{\"error\":{\"message\":\"Rate limit reached on requests per min (RPM)\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
            Headers.of("retry-after-ms", "1500", "retry-after", "2"),
            true,
            Scope.REQUESTS,
            Duration.ofMillis(1500)),
        arguments(
            "scope from headers",
            429,
            "{\"error\":\"slow down\"}",
            Headers.of("x-ratelimit-remaining-tokens", "0", "x-ratelimit-remaining-requests", "5"),
            true,
            Scope.TOKENS,
            null),
        arguments("scope unknown", 429, "", Headers.of(), true, Scope.UNKNOWN, null),
        arguments(
            "quota never retried",
            429,
            "{\"error\":{\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\",\"message\":\"quota\"}}",
            Headers.of("retry-after", "1"),
            false,
            null,
            null),
        arguments(
            "529 retry-after",
            529,
            anthropic("overloaded_error", "Overloaded"),
            Headers.of("retry-after", "3"),
            true,
            null,
            Duration.ofSeconds(3)),
        arguments(
            "400 not retried",
            400,
            anthropic("invalid_request_error", "bad"),
            Headers.of(),
            false,
            null,
            null),
        arguments(
            "500 retried", 500, anthropic("api_error", "bad"), Headers.of(), true, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void errorBodyShapes(String label, String raw, String type, String code, String message) {
    assertThat(ErrorBody.parse(raw)).as(label).isEqualTo(new ErrorBody(type, code, message));
  }

  static Stream<Arguments> bodies() {
    return Stream.of(
        arguments(
            "anthropic",
            anthropic("overloaded_error", "Overloaded"),
            "overloaded_error",
            null,
            "Overloaded"),
        arguments(
            "openai string code",
            "{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":\"c\"}}",
            "t",
            "c",
            "m"),
        arguments(
            "integer code, reordered, padded",
            "  {  \"error\" : { \"code\" : 500 , \"type\" : \"server_error\" , \"message\" : \"m\" } }  ",
            "server_error",
            "500",
            "m"),
        arguments("flat string", "{\"error\":\"m\"}", null, null, "m"),
        arguments(
            "flat vllm",
            "{\"object\":\"error\",\"message\":\"m\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}",
            "BadRequestError",
            "400",
            "m"),
        arguments("not json", "upstream connect error", null, null, "upstream connect error"),
        arguments("empty", "", null, null, ""));
  }
}
