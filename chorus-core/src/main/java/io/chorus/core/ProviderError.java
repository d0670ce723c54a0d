package io.chorus.core;

import java.time.Duration;

/**
 * Why a provider call failed, as a closed set of classes that the engine's policies reason about.
 * Providers map HTTP status, error bodies and headers onto these; {@link #retryable()} says whether
 * a retry may help.
 *
 * <p>Messages never contain API keys: providers redact them before building an error.
 */
public sealed interface ProviderError {

  /** A short human-readable explanation, from the provider where it gave one. */
  String message();

  /** The HTTP status, or 0 when the failure happened before or outside HTTP. */
  int httpStatus();

  /** Whether retrying the same request may succeed. */
  boolean retryable();

  /** A stable lower-case name for reports and metrics, e.g. {@code rate_limited}. */
  default String kind() {
    String simple = getClass().getSimpleName();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < simple.length(); i++) {
      char c = simple.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        sb.append('_');
      }
      sb.append(Character.toLowerCase(c));
    }
    return sb.toString();
  }

  /** The same error (class, status and fields) with another message. */
  default ProviderError withMessage(String m) {
    return switch (this) {
      case RateLimited r -> new RateLimited(m, r.httpStatus(), r.scope(), r.retryAfter());
      case QuotaExhausted r -> new QuotaExhausted(m, r.httpStatus());
      case Overloaded r -> new Overloaded(m, r.httpStatus(), r.retryAfter());
      case ServerError r -> new ServerError(m, r.httpStatus());
      case Timeout r -> new Timeout(m, r.httpStatus(), r.phase());
      case ConnectionFailed r -> new ConnectionFailed(m, r.httpStatus());
      case InvalidRequest r -> new InvalidRequest(m, r.httpStatus());
      case Authentication r -> new Authentication(m, r.httpStatus());
      case PermissionDenied r -> new PermissionDenied(m, r.httpStatus());
      case NotFound r -> new NotFound(m, r.httpStatus());
      case ContextTooLong r -> new ContextTooLong(m, r.httpStatus());
      case ContentFiltered r -> new ContentFiltered(m, r.httpStatus());
      case MalformedResponse r -> new MalformedResponse(m, r.httpStatus());
      case CallerError r -> new CallerError(m, r.httpStatus());
    };
  }

  /** Which limit a {@link RateLimited} error hit. */
  enum Scope {
    REQUESTS,
    TOKENS,
    UNKNOWN
  }

  /** Where a {@link Timeout} fired. */
  enum Phase {
    CONNECT,
    FIRST_TOKEN,
    IDLE,
    ATTEMPT,
    CALL_DEADLINE
  }

  /** 429 rate limit: retry after {@code retryAfter} (null when the provider did not say). */
  record RateLimited(String message, int httpStatus, Scope scope, Duration retryAfter)
      implements ProviderError {
    public boolean retryable() {
      return true;
    }
  }

  /** Billing or quota gone (OpenAI {@code insufficient_quota}, Anthropic 402). Never retried. */
  record QuotaExhausted(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return false;
    }
  }

  /** The provider is overloaded (Anthropic 529, 503). */
  record Overloaded(String message, int httpStatus, Duration retryAfter) implements ProviderError {
    public boolean retryable() {
      return true;
    }
  }

  /** 5xx from the provider. */
  record ServerError(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return true;
    }
  }

  /** A timeout fired in the given phase. */
  record Timeout(String message, int httpStatus, Phase phase) implements ProviderError {
    public boolean retryable() {
      return phase != Phase.CALL_DEADLINE;
    }
  }

  /** The connection could not be made, or broke (reset, closed, truncated stream). */
  record ConnectionFailed(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return true;
    }
  }

  /** 400: the request is malformed. Never retried. */
  record InvalidRequest(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return false;
    }
  }

  /** 401: bad or missing API key. Never retried. */
  record Authentication(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return false;
    }
  }

  /** 403: the key may not use this resource. */
  record PermissionDenied(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return false;
    }
  }

  /** 404: no such model or endpoint. */
  record NotFound(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return false;
    }
  }

  /** 413 or a context-length error: the prompt is too long for the model. */
  record ContextTooLong(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return false;
    }
  }

  /** The provider refused or filtered the content. */
  record ContentFiltered(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return false;
    }
  }

  /** The response could not be parsed (bad JSON, bad SSE framing, an error event mid-stream). */
  record MalformedResponse(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return true;
    }
  }

  /**
   * Not the provider's failure but the caller's: the call's own {@link StreamObserver} threw. Never
   * retried, never falls back, never counts toward a circuit breaker; the message names the
   * exception.
   */
  record CallerError(String message, int httpStatus) implements ProviderError {
    public boolean retryable() {
      return false;
    }
  }
}
