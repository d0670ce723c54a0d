package io.chorus.gateway.internal;

/**
 * Ends a request with {@link #error()}, written in the protocol's shape by the handler that catches
 * it.
 */
public final class GatewayException extends RuntimeException {

  private final ApiError error;
  private final boolean closeConnection;

  public GatewayException(ApiError error) {
    this(error, false);
  }

  /**
   * @param closeConnection the response says {@code Connection: close}: the request's body was left
   *     unread (too much of it to discard), so the connection cannot carry another request
   */
  public GatewayException(ApiError error, boolean closeConnection) {
    super(error.message(), null, false, false);
    this.error = error;
    this.closeConnection = closeConnection;
  }

  /** Whether the connection must close after this error (its request's body was not all read). */
  public boolean closeConnection() {
    return closeConnection;
  }

  public ApiError error() {
    return error;
  }
}
