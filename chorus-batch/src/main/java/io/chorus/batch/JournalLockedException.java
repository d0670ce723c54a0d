package io.chorus.batch;

/** Another run holds the batch or the journal; the message names its process id and start time. */
public final class JournalLockedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JournalLockedException(String message) {
    super(message);
  }
}
