package io.chorus.batch;

/**
 * A batch cannot run as asked: its input changed since an earlier run (the message names which
 * items changed, are new or are gone, and the way forward: {@code rerunChanged}, or a restart).
 */
public final class BatchRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BatchRefusedException(String message) {
    super(message);
  }
}
