package io.chorus.config;

/**
 * A model names a provider that is neither configured nor known (a usage error: the model was
 * mistyped, not the configuration file). The message names the model and the known providers and is
 * meant to be shown to the user as is.
 */
public final class UnknownProviderException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public UnknownProviderException(String message) {
    super(message);
  }
}
