package io.chorus.providers;

/**
 * A model named a provider that is unknown or has no key. The message says what to set and is meant
 * to be shown to the user as is (no stack trace).
 */
public final class ProviderNotConfiguredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String provider;

  public ProviderNotConfiguredException(String provider, String message) {
    super(message);
    this.provider = provider;
  }

  /** The provider name the caller asked for. */
  public String provider() {
    return provider;
  }
}
