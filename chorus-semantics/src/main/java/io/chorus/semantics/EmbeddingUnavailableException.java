package io.chorus.semantics;

/** The embedding model could not be loaded or run on this machine; the message says why. */
public final class EmbeddingUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmbeddingUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
