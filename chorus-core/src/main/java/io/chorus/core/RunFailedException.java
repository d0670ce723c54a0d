package io.chorus.core;

/**
 * A run failed under its {@link FailurePolicy}. Carries the whole {@link RunResult}, so that the
 * results already paid for are not lost.
 */
public final class RunFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient RunResult<?> result;

  public RunFailedException(RunResult<?> result) {
    super("run " + result.runId() + " failed: " + result.failure());
    this.result = result;
  }

  public RunResult<?> result() {
    return result;
  }
}
