package io.chorus.config;

/**
 * Caps on what a provider may send back, as written in {@code chorus.yaml}: {@code
 * {max_response_bytes: 16777216, max_event_bytes: 4194304}}. They belong to the HTTP transport
 * every provider of a process shares, so they are set under {@code defaults} only; absent fields
 * keep the built-in caps ({@link io.chorus.providers.HttpTransport#DEFAULT_MAX_RESPONSE_BYTES},
 * {@link io.chorus.providers.HttpTransport#DEFAULT_MAX_EVENT_BYTES}).
 */
public record ResponseSettings(Long maxResponseBytes, Long maxEventBytes) {

  public ResponseSettings {
    if (maxResponseBytes != null && maxResponseBytes <= 0) {
      throw new IllegalArgumentException(
          "max_response_bytes must be a positive number of bytes, was " + maxResponseBytes);
    }
    if (maxEventBytes != null && maxEventBytes <= 0) {
      throw new IllegalArgumentException(
          "max_event_bytes must be a positive number of bytes, was " + maxEventBytes);
    }
  }
}
