package io.chorus.gateway.internal;

import io.chorus.core.CircuitOpenException;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import java.time.Duration;
import java.time.Instant;

/**
 * One error a client receives, written in the shape of the protocol it spoke: OpenAI's {@code
 * {"error": {"message", "type", "param", "code"}}} or Anthropic's {@code {"type": "error", "error":
 * {"type", "message"}}}. The SDKs turn the status and these fields into their own error classes
 * ({@code openai.NotFoundError}, {@code Anthropic.RateLimitError}).
 *
 * @param status the HTTP status
 * @param openAiType OpenAI's {@code error.type}
 * @param code OpenAI's {@code error.code} (a stable name), also the {@code chorus} reason
 * @param param the request field at fault, or null
 * @param message one line for a person; never holds a provider key
 * @param retryAfter what to put in {@code retry-after}, or null
 */
public record ApiError(
    int status, String openAiType, String code, String param, String message, Duration retryAfter) {

  public static ApiError invalid(String param, String message) {
    return new ApiError(400, "invalid_request_error", "invalid_request", param, message, null);
  }

  public static ApiError malformedJson(String message) {
    return new ApiError(400, "invalid_request_error", "invalid_json", null, message, null);
  }

  public static ApiError unknownModel(String model, String known) {
    return new ApiError(
        404,
        "invalid_request_error",
        "model_not_found",
        "model",
        "The model '"
            + model
            + "' does not exist on this gateway"
            + (known.isEmpty() ? "" : "; models: " + known),
        null);
  }

  public static ApiError tooLarge(long limit) {
    return new ApiError(
        413,
        "invalid_request_error",
        "request_too_large",
        null,
        "The request body is larger than this gateway's limit of " + limit + " bytes",
        null);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "invalid_request_error", "invalid_api_key", null, message, null);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "invalid_request_error", "model_not_allowed", "model", message, null);
  }

  public static ApiError rateLimited(String message, Duration retryAfter) {
    return new ApiError(
        429, "rate_limit_exceeded", "rate_limit_exceeded", null, message, retryAfter);
  }

  public static ApiError notFound(String path) {
    return new ApiError(
        404, "invalid_request_error", "unknown_url", null, "Unknown request URL: " + path, null);
  }

  public static ApiError methodNotAllowed(String method, String path) {
    return new ApiError(
        405,
        "invalid_request_error",
        "method_not_allowed",
        null,
        method + " is not allowed on " + path,
        null);
  }

  public static ApiError draining() {
    return new ApiError(
        503,
        "server_error",
        "shutting_down",
        null,
        "The gateway is shutting down and admits no new requests",
        Duration.ofSeconds(1));
  }

  /**
   * A streamed answer whose upstream attempt broke off after part of its text had reached the
   * client: the engine would have retried or fallen back ({@code reason}), but the client cannot
   * take back what it read, so the stream ends here and the client sends the request again.
   */
  public static ApiError streamBroken(String reason) {
    return new ApiError(
        502,
        "server_error",
        "upstream_stream_broken",
        null,
        "The upstream answer broke off after part of it was sent to you, and a streamed answer"
            + " cannot be taken back, so the gateway stopped instead of starting it again ("
            + reason
            + "); send the request again",
        null);
  }

  public static ApiError internal(String message) {
    return new ApiError(500, "server_error", "internal_error", null, message, null);
  }

  /**
   * What a failed engine call means to the client. A provider that refuses the gateway's own key is
   * the gateway's fault (502), not the client's (401): the client's key was accepted.
   */
  public static ApiError of(Outcome<?> failed) {
    String line = failed.errorLine();
    return switch (failed) {
      case Outcome.TimedOut<?> t ->
          new ApiError(
              504,
              "server_error",
              "upstream_timeout",
              null,
              "The provider did not answer within " + t.limit(),
              null);
      case Outcome.Cancelled<?> c when io.chorus.core.Budget.refused(c) ->
          new ApiError(
              429,
              "insufficient_quota",
              "insufficient_quota",
              null,
              "The gateway's budget is spent: " + line,
              null);
      case Outcome.Cancelled<?> c ->
          new ApiError(
              503, "server_error", "cancelled", null, "The call was cancelled: " + line, null);
      case Outcome.Failure<?> f when f.error() instanceof CircuitOpenException co ->
          new ApiError(
              503,
              "server_error",
              "circuit_open",
              null,
              line,
              co.retryAt() == null
                  ? null
                  : positive(Duration.between(Instant.now(), co.retryAt())));
      case Outcome.Failure<?> f when f.error() instanceof ProviderException pe -> of(pe, line);
      case Outcome.Failure<?> f ->
          new ApiError(502, "server_error", "upstream_error", null, line, null);
      case Outcome.Success<?> s -> internal("not a failure");
    };
  }

  private static ApiError of(ProviderException pe, String line) {
    ProviderError e = pe.error();
    Duration after = pe.rateLimits() == null ? null : pe.rateLimits().retryAfter();
    return switch (e) {
      case ProviderError.RateLimited r ->
          new ApiError(429, "rate_limit_exceeded", "upstream_rate_limited", null, line, after);
      case ProviderError.QuotaExhausted q ->
          new ApiError(429, "insufficient_quota", "insufficient_quota", null, line, null);
      case ProviderError.Overloaded o ->
          new ApiError(503, "server_error", "upstream_overloaded", null, line, after);
      case ProviderError.InvalidRequest i ->
          new ApiError(400, "invalid_request_error", "invalid_request", null, line, null);
      case ProviderError.ContextTooLong c ->
          new ApiError(
              400, "invalid_request_error", "context_length_exceeded", "messages", line, null);
      case ProviderError.ContentFiltered c ->
          new ApiError(400, "invalid_request_error", "content_filter", null, line, null);
      case ProviderError.NotFound n ->
          new ApiError(404, "invalid_request_error", "model_not_found", "model", line, null);
      case ProviderError.Timeout t ->
          new ApiError(504, "server_error", "upstream_timeout", null, line, null);
      case ProviderError.Authentication a ->
          new ApiError(
              502,
              "server_error",
              "upstream_authentication",
              null,
              "The provider refused the gateway's credentials (" + line + ")",
              null);
      case ProviderError.PermissionDenied p ->
          new ApiError(502, "server_error", "upstream_permission_denied", null, line, null);
      default -> new ApiError(502, "server_error", "upstream_error", null, line, null);
    };
  }

  private static Duration positive(Duration d) {
    return d.isNegative() || d.isZero() ? Duration.ofSeconds(1) : d;
  }

  /** Anthropic's {@code error.type} for this status. */
  public String anthropicType() {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      case 504 -> "timeout_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  /** The body in OpenAI's shape. */
  public String openAiJson() {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("error");
          g.writeStringField("message", message);
          g.writeStringField("type", openAiType);
          if (param == null) {
            g.writeNullField("param");
          } else {
            g.writeStringField("param", param);
          }
          g.writeStringField("code", code);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /** The body in Anthropic's shape. */
  public String anthropicJson() {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("type", "error");
          g.writeObjectFieldStart("error");
          g.writeStringField("type", anthropicType());
          g.writeStringField("message", message);
          g.writeEndObject();
          g.writeEndObject();
        });
  }
}
