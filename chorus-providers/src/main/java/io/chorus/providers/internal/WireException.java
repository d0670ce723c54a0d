package io.chorus.providers.internal;

/**
 * A protocol-level failure found while decoding: the provider sent an error object (then {@link
 * #error()} holds it), or something that does not follow the protocol.
 */
public final class WireException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ErrorBody error;

  private WireException(String message, ErrorBody error, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  /** The provider reported an error inside an otherwise successful response. */
  public static WireException errorEvent(ErrorBody error) {
    return new WireException(error.message(), error, null);
  }

  /** The response does not follow the protocol. */
  public static WireException malformed(String message, Throwable cause) {
    return new WireException(message, null, cause);
  }

  /** The error the provider reported, or null when the response was malformed. */
  public ErrorBody error() {
    return error;
  }
}
