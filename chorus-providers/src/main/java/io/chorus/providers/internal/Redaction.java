package io.chorus.providers.internal;

import io.chorus.core.ProviderError;
import java.util.function.UnaryOperator;

/** Rebuilds a {@link ProviderError} with its message passed through a scrubber (API key removal). */
public final class Redaction {

  private Redaction() {}

  public static ProviderError scrub(ProviderError e, UnaryOperator<String> scrub) {
    String m = scrub.apply(e.message());
    if (m.equals(e.message())) {
      return e;
    }
    return switch (e) {
      case ProviderError.RateLimited r -> new ProviderError.RateLimited(m, r.httpStatus(), r.scope(), r.retryAfter());
      case ProviderError.QuotaExhausted r -> new ProviderError.QuotaExhausted(m, r.httpStatus());
      case ProviderError.Overloaded r -> new ProviderError.Overloaded(m, r.httpStatus(), r.retryAfter());
      case ProviderError.ServerError r -> new ProviderError.ServerError(m, r.httpStatus());
      case ProviderError.Timeout r -> new ProviderError.Timeout(m, r.httpStatus(), r.phase());
      case ProviderError.ConnectionFailed r -> new ProviderError.ConnectionFailed(m, r.httpStatus());
      case ProviderError.InvalidRequest r -> new ProviderError.InvalidRequest(m, r.httpStatus());
      case ProviderError.Authentication r -> new ProviderError.Authentication(m, r.httpStatus());
      case ProviderError.PermissionDenied r -> new ProviderError.PermissionDenied(m, r.httpStatus());
      case ProviderError.NotFound r -> new ProviderError.NotFound(m, r.httpStatus());
      case ProviderError.ContextTooLong r -> new ProviderError.ContextTooLong(m, r.httpStatus());
      case ProviderError.ContentFiltered r -> new ProviderError.ContentFiltered(m, r.httpStatus());
      case ProviderError.MalformedResponse r -> new ProviderError.MalformedResponse(m, r.httpStatus());
    };
  }
}
