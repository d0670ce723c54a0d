package io.chorus.patterns.spec;

import java.nio.file.Path;

/**
 * A pattern spec file is unreadable or invalid. The message names the file, the line and the key,
 * e.g. {@code voters.yaml:14: voters[2].temperature: must be a number in [0, 2], was "hot"}.
 */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String key;

  public SpecException(Path file, int line, String key, String problem, Throwable cause) {
    super(file.getFileName() + (line > 0 ? ":" + line : "") + ": " + (key == null || key.isEmpty() ? "" : key + ": ")
        + problem, cause);
    this.file = file;
    this.line = line;
    this.key = key;
  }

  public Path file() {
    return file;
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The key path, e.g. {@code voters[2].temperature}. */
  public String key() {
    return key;
  }
}
