package io.chorus.cli;

/** A failure to report to the user as one line, with the exit code to end with. */
public final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** A missing or unreadable input file (exit code 2). */
  public static CliException missingFile(java.nio.file.Path file, String what) {
    return new CliException(ExitCodes.USAGE, what + " not found: " + file);
  }
}
