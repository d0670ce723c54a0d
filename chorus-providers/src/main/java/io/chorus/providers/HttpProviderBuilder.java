package io.chorus.providers;

import io.chorus.core.TimeSource;

/**
 * The settings both HTTP provider builders collect, read by {@link HttpProvider}'s constructor. The
 * setters stay on each public builder (with that provider's documentation), so that their return
 * type, and with it the compiled signature callers link against, is the builder itself.
 *
 * <p>Mutable; not thread-safe.
 */
abstract class HttpProviderBuilder {
  String name;
  String baseUrl;
  Secret apiKey;
  HttpTransport transport;
  TimeSource time = TimeSource.system();
  boolean synthetic;

  HttpProviderBuilder(String defaultName, String defaultBaseUrl) {
    this.name = defaultName;
    this.baseUrl = defaultBaseUrl;
  }
}
