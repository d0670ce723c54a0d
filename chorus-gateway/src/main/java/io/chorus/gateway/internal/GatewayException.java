package io.chorus.gateway.internal;

/**
 * Ends a request with {@link #error()}, written in the protocol's shape by the handler that catches
 * it.
 */
public final class GatewayException extends RuntimeException {

  private final ApiError error;

  public GatewayException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
