package io.chorus.patterns.spec;

import java.nio.file.Path;
import java.util.function.Supplier;

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
    super(
        file.getFileName()
            + (line > 0 ? ":" + line : "")
            + ": "
            + (key == null || key.isEmpty() ? "" : key + ": ")
            + problem,
        cause);
    this.file = file;
    this.line = line;
    this.key = key;
  }

  /**
   * {@code given} when not null, else the spec's own value {@code own}; when both are null, a
   * SpecException at {@code key} saying {@code problem}.
   */
  static String givenOrOwn(Path file, String given, String own, String key, String problem) {
    String value = given != null ? given : own;
    if (value == null) {
      throw new SpecException(file, 0, key, problem, null);
    }
    return value;
  }

  /**
   * Builds a pattern, reporting the builder's IllegalArgumentException as a problem at {@code key}.
   */
  static <T> T whileBuilding(Path file, String key, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new SpecException(file, 0, key, e.getMessage(), e);
    }
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
