package io.chorus.langchain4j.internal;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import io.chorus.core.CircuitOpenException;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;

/** Chorus's failures as LangChain4j's exceptions, and LangChain4j's as Chorus's errors. */
public final class Errors {
  private Errors() {}

  /** The LangChain4j exception for an outcome that is not a success. */
  public static RuntimeException toLangChain4j(Outcome<?> outcome) {
    String line = outcome.errorLine();
    return switch (outcome) {
      case Outcome.Success<?> s -> new IllegalStateException("not a failure: " + s);
      case Outcome.TimedOut<?> t -> new TimeoutException(line);
      case Outcome.Cancelled<?> c -> new LangChain4jException(line);
      case Outcome.Failure<?> f -> toLangChain4j(f.error(), line);
    };
  }

  private static RuntimeException toLangChain4j(Throwable error, String line) {
    if (error instanceof CircuitOpenException) {
      // LangChain4j has no "unavailable" type; its users back off on a rate limit
      return new RateLimitException(line, error);
    }
    if (!(error instanceof ProviderException pe)) {
      return new LangChain4jException(line, error);
    }
    return switch (pe.error()) {
      case ProviderError.RateLimited r -> new RateLimitException(line, pe);
      case ProviderError.QuotaExhausted r -> new RateLimitException(line, pe);
      case ProviderError.Authentication r -> new AuthenticationException(line, pe);
      case ProviderError.PermissionDenied r -> new AuthenticationException(line, pe);
      case ProviderError.NotFound r -> new ModelNotFoundException(line, pe);
      case ProviderError.ContentFiltered r -> new ContentFilteredException(line, pe);
      case ProviderError.InvalidRequest r -> new InvalidRequestException(line, pe);
      case ProviderError.ContextTooLong r -> new InvalidRequestException(line, pe);
      case ProviderError.Timeout r -> new TimeoutException(line, pe);
      case ProviderError.Overloaded r -> new InternalServerException(line, pe);
      case ProviderError.ServerError r -> new InternalServerException(line, pe);
      case ProviderError.MalformedResponse r -> new InternalServerException(line, pe);
      case ProviderError.ConnectionFailed r -> new InternalServerException(line, pe);
      case ProviderError.CallerError r -> new LangChain4jException(line, pe);
    };
  }

  /**
   * The Chorus error for what a LangChain4j model threw. LangChain4j keeps the HTTP status (in an
   * {@link HttpException} cause) but not the headers, so {@code retry-after}, {@code
   * x-should-retry}, the request id and rate-limit headers are lost: a {@link
   * ProviderError.RateLimited} from here has no retry-after and the engine backs off by its own
   * schedule. A quota error (OpenAI's {@code insufficient_quota} 429) is told from a rate limit by
   * its message only.
   */
  public static ProviderException toChorus(Throwable t) {
    int status = status(t);
    String message = redactedMessage(t);
    ProviderError error =
        switch (t) {
          case RateLimitException e ->
              message.contains("insufficient_quota") || message.contains("quota")
                  ? new ProviderError.QuotaExhausted(message, status)
                  : new ProviderError.RateLimited(
                      message, status == 0 ? 429 : status, ProviderError.Scope.UNKNOWN, null);
          case AuthenticationException e ->
              status == 403
                  ? new ProviderError.PermissionDenied(message, status)
                  : new ProviderError.Authentication(message, status);
          case ModelNotFoundException e -> new ProviderError.NotFound(message, status);
          case ContentFilteredException e -> new ProviderError.ContentFiltered(message, status);
          case UnsupportedFeatureException e -> new ProviderError.InvalidRequest(message, status);
          case InvalidRequestException e ->
              message.contains("context") && message.contains("length")
                  ? new ProviderError.ContextTooLong(message, status)
                  : new ProviderError.InvalidRequest(message, status);
          case TimeoutException e ->
              new ProviderError.Timeout(message, status, ProviderError.Phase.ATTEMPT);
          case UnresolvedModelServerException e ->
              new ProviderError.ConnectionFailed(message, status);
          case InternalServerException e ->
              status == 529 || status == 503
                  ? new ProviderError.Overloaded(message, status, null)
                  : new ProviderError.ServerError(message, status == 0 ? 500 : status);
          default -> byStatusOrCause(t, status, message);
        };
    return new ProviderException(error, null, null, null, t);
  }

  private static ProviderError byStatusOrCause(Throwable t, int status, String message) {
    if (status == 429) {
      return new ProviderError.RateLimited(message, status, ProviderError.Scope.UNKNOWN, null);
    }
    if (status == 401) {
      return new ProviderError.Authentication(message, status);
    }
    if (status == 403) {
      return new ProviderError.PermissionDenied(message, status);
    }
    if (status == 404) {
      return new ProviderError.NotFound(message, status);
    }
    if (status == 413) {
      return new ProviderError.ContextTooLong(message, status);
    }
    if (status == 503 || status == 529) {
      return new ProviderError.Overloaded(message, status, null);
    }
    if (status >= 500) {
      return new ProviderError.ServerError(message, status);
    }
    if (status >= 400) {
      return new ProviderError.InvalidRequest(message, status);
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof HttpTimeoutException || c instanceof java.net.SocketTimeoutException) {
        return new ProviderError.Timeout(message, 0, ProviderError.Phase.ATTEMPT);
      }
      if (c instanceof IOException) {
        return new ProviderError.ConnectionFailed(message, 0);
      }
    }
    // an exception LangChain4j did not classify (a parse error, a bug): may pass on a retry
    return new ProviderError.MalformedResponse(message, 0);
  }

  /** The HTTP status of the first {@link HttpException} in the cause chain, else 0. */
  static int status(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof HttpException h) {
        return h.statusCode();
      }
    }
    return 0;
  }

  /** The message, without anything that looks like an API key (LangChain4j does not redact). */
  static String redactedMessage(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.replaceAll("(sk-|sk-ant-|key-|AIza)[A-Za-z0-9_\\-]{6,}", "$1***");
  }
}
