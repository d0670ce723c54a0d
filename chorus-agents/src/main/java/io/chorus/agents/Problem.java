package io.chorus.agents;

import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in an agent or template file, located by file and line.
 *
 * <p>{@link #toString()} gives the compiler-style form {@code file:line: message} for errors and
 * {@code file:line: warning: message} for warnings, which is what {@code chorus agents validate}
 * prints. Immutable.
 *
 * @param file the file (or classpath resource) the problem is in, as given to the parser
 * @param line the 1-based line in that file; 0 when the problem concerns the file as a whole
 * @param severity whether the file is unusable ({@link Severity#ERROR}) or merely suspicious
 * @param message what is wrong, naming the key or variable, and how to fix it when that is known
 */
public record Problem(String file, int line, Severity severity, String message) {

  /** How bad a problem is. */
  public enum Severity {
    /** The file cannot be used. */
    ERROR,
    /** The file is usable; something in it is probably a mistake (an unknown key, say). */
    WARNING
  }

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("problem: line must not be negative");
    }
  }

  public static Problem error(String file, int line, String message) {
    return new Problem(file, line, Severity.ERROR, message);
  }

  public static Problem warning(String file, int line, String message) {
    return new Problem(file, line, Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line: message}, or {@code file:line: warning: message}. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + (isError() ? "" : "warning: ") + message;
  }
}
