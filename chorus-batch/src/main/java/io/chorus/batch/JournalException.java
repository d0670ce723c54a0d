package io.chorus.batch;

/**
 * The batch journal cannot be read or written (disk full, corrupt file, locked by another process).
 */
public final class JournalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
