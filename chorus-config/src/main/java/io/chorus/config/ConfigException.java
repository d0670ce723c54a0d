package io.chorus.config;

/**
 * A configuration file or environment variable that cannot be used. The message names the file,
 * line and key (or the variable) and is meant to be shown to the user as is.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
