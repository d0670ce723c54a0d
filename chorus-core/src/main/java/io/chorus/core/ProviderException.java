package io.chorus.core;

import java.util.Objects;

/**
 * Thrown by a {@link Provider} when a call fails; carries the classified {@link ProviderError}, the
 * provider's request id and rate-limit headers when known.
 *
 * <p>The message never contains an API key.
 */
public final class ProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProviderError error;
  private final String requestId;
  private final transient RateLimitInfo rateLimits;
  private final Boolean shouldRetry;

  /**
   * @param error the classified error
   * @param requestId the provider's request id, or null
   * @param rateLimits headers of the failed response, or null
   * @param shouldRetry the provider's {@code x-should-retry} header, or null when absent; it
   *     overrides {@link ProviderError#retryable()}
   * @param cause the underlying exception, or null
   */
  public ProviderException(
      ProviderError error,
      String requestId,
      RateLimitInfo rateLimits,
      Boolean shouldRetry,
      Throwable cause) {
    super(describe(error, requestId), cause);
    this.error = Objects.requireNonNull(error, "error");
    this.requestId = requestId;
    this.rateLimits = rateLimits == null ? RateLimitInfo.NONE : rateLimits;
    this.shouldRetry = shouldRetry;
  }

  public ProviderException(ProviderError error) {
    this(error, null, null, null, null);
  }

  private static String describe(ProviderError error, String requestId) {
    StringBuilder sb = new StringBuilder(error.kind());
    if (error.httpStatus() > 0) {
      sb.append(" (HTTP ").append(error.httpStatus()).append(')');
    }
    sb.append(": ").append(error.message());
    if (requestId != null) {
      sb.append(" [request ").append(requestId).append(']');
    }
    return sb.toString();
  }

  public ProviderError error() {
    return error;
  }

  public String requestId() {
    return requestId;
  }

  public RateLimitInfo rateLimits() {
    return rateLimits;
  }

  /** The provider's {@code x-should-retry}, or null. */
  public Boolean shouldRetry() {
    return shouldRetry;
  }

  /** Whether the engine may retry: {@code x-should-retry} when present, else the error class. */
  public boolean retryable() {
    return shouldRetry != null ? shouldRetry : error.retryable();
  }
}
