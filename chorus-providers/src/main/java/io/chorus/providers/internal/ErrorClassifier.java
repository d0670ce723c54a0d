package io.chorus.providers.internal;

import io.chorus.core.ProviderError;
import io.chorus.core.ProviderError.Scope;
import io.chorus.core.RateLimitInfo;
import java.time.Duration;
import java.util.Locale;

/**
 * Maps a failed response (HTTP status, error body, rate-limit headers) onto the engine's {@link
 * ProviderError} classes. Both protocols go through the same table because compatible servers mix
 * their conventions.
 *
 * <p>Order: quota and context-length signals in the body win over the status (OpenAI sends {@code
 * insufficient_quota} as a 429 that must never be retried, and context-length errors as 400s); then
 * the status; then, for failures without a meaningful status (an {@code error} event inside a 200
 * stream), the error type.
 *
 * <p>504 (Anthropic {@code timeout_error}, gateway timeouts) maps to {@link
 * ProviderError.ServerError}: it is the provider's own deadline, not one of ours, and {@link
 * ProviderError.Timeout} is reserved for the engine's phases so that timeout metrics mean one
 * thing. Both are retryable.
 */
public final class ErrorClassifier {

  private ErrorClassifier() {}

  /**
   * @param status the HTTP status, or 0 for an error event inside a successful stream
   * @param body the parsed error body
   * @param limits the response's rate-limit headers
   */
  public static ProviderError classify(int status, ErrorBody body, RateLimitInfo limits) {
    String message = describe(status, body);
    String text =
        (nullToEmpty(body.type()) + " " + nullToEmpty(body.code()) + " " + body.message())
            .toLowerCase(Locale.ROOT);
    Duration retryAfter = limits == null ? null : limits.retryAfter();

    if (body.is("insufficient_quota")
        || body.is("billing_error")
        || body.is("billing_hard_limit_reached")) {
      return new ProviderError.QuotaExhausted(message, status);
    }
    if (isContextTooLong(text) || body.is("request_too_large")) {
      return new ProviderError.ContextTooLong(message, status);
    }
    if (body.is("content_filter") || body.is("content_policy_violation")) {
      return new ProviderError.ContentFiltered(message, status);
    }
    return switch (status) {
      case 400, 422 -> new ProviderError.InvalidRequest(message, status);
      case 401 -> new ProviderError.Authentication(message, status);
      case 402 -> new ProviderError.QuotaExhausted(message, status);
      case 403 -> new ProviderError.PermissionDenied(message, status);
      case 404 -> new ProviderError.NotFound(message, status);
      case 408 -> new ProviderError.Timeout(message, status, ProviderError.Phase.ATTEMPT);
      case 413 -> new ProviderError.ContextTooLong(message, status);
      case 429 -> new ProviderError.RateLimited(message, status, scope(text, limits), retryAfter);
      case 503, 529 -> new ProviderError.Overloaded(message, status, retryAfter);
      case 0, 200 -> byType(body, message, status, text, limits);
      default -> {
        if (status >= 500) {
          yield new ProviderError.ServerError(message, status);
        }
        if (status >= 400) {
          yield new ProviderError.InvalidRequest(message, status);
        }
        yield byType(body, message, status, text, limits);
      }
    };
  }

  /** For errors without a useful status: Anthropic's and OpenAI's error type names. */
  private static ProviderError byType(
      ErrorBody body, String message, int status, String text, RateLimitInfo limits) {
    String type = nullToEmpty(body.type()).toLowerCase(Locale.ROOT);
    Duration retryAfter = limits == null ? null : limits.retryAfter();
    return switch (type) {
      case "invalid_request_error" -> new ProviderError.InvalidRequest(message, status);
      case "authentication_error" -> new ProviderError.Authentication(message, status);
      case "permission_error" -> new ProviderError.PermissionDenied(message, status);
      case "not_found_error" -> new ProviderError.NotFound(message, status);
      case "rate_limit_error", "rate_limit_exceeded", "tokens", "requests" ->
          new ProviderError.RateLimited(message, status, scope(text, limits), retryAfter);
      case "overloaded_error" -> new ProviderError.Overloaded(message, status, retryAfter);
      case "api_error", "server_error", "timeout_error", "internal_server_error" ->
          new ProviderError.ServerError(message, status);
      default ->
          body.is("rate_limit_exceeded")
              ? new ProviderError.RateLimited(message, status, scope(text, limits), retryAfter)
              : new ProviderError.ServerError(message, status);
    };
  }

  private static boolean isContextTooLong(String text) {
    return text.contains("context_length_exceeded")
        || text.contains("exceed_context_size")
        || text.contains("prompt is too long")
        || text.contains("maximum context length")
        || text.contains("context window")
        || text.contains("exceeds the available context size")
        || text.contains("context length exceeded");
  }

  private static Scope scope(String text, RateLimitInfo limits) {
    if (text.contains("token")) {
      return Scope.TOKENS;
    }
    if (text.contains("requests") || text.contains("rpm")) {
      return Scope.REQUESTS;
    }
    if (limits != null) {
      if (isZero(limits.tokensRemaining())
          || isZero(limits.inputTokensRemaining())
          || isZero(limits.outputTokensRemaining())) {
        return Scope.TOKENS;
      }
      if (isZero(limits.requestsRemaining())) {
        return Scope.REQUESTS;
      }
    }
    return Scope.UNKNOWN;
  }

  private static boolean isZero(Long value) {
    return value != null && value == 0;
  }

  private static String describe(int status, ErrorBody body) {
    StringBuilder sb = new StringBuilder();
    if (body.type() != null) {
      sb.append(body.type());
    } else if (body.code() != null) {
      sb.append(body.code());
    }
    if (!body.message().isEmpty()) {
      if (!sb.isEmpty()) {
        sb.append(": ");
      }
      sb.append(body.message());
    }
    if (sb.isEmpty()) {
      sb.append(
          status > 0 ? "HTTP " + status + " without an error body" : "error event without details");
    }
    return sb.toString();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
