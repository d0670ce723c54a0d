package io.chorus.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code otel:} in {@code chorus.yaml}: where OpenTelemetry spans go over OTLP/HTTP. Off unless an
 * endpoint is written here, in {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} / {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, or given with {@code --otel-endpoint} (which wins, then the
 * variables, then this file).
 *
 * <pre>
 * otel:
 *   endpoint: http://127.0.0.1:4318       # /v1/traces is appended unless the path already ends in it
 *   headers: {x-team: moderation}         # sent with each export; OTEL_EXPORTER_OTLP_HEADERS adds to them
 * </pre>
 *
 * A header whose value is a secret (an API key of a tracing vendor) is better set in {@code
 * OTEL_EXPORTER_OTLP_HEADERS}; values are never printed either way.
 *
 * @param endpoint an {@code http://} or {@code https://} URL, or null for no export
 * @param headers header names and values sent with every export
 */
public record OtelSettings(@Nullable String endpoint, Map<String, String> headers) {

  /** Nothing configured: no export. */
  public static final OtelSettings NONE = new OtelSettings(null, null);

  public OtelSettings {
    if (endpoint != null && endpoint.isBlank()) {
      endpoint = null;
    }
    if (endpoint != null && !endpoint.strip().matches("(?i)https?://[^/\\s?#]+.*")) {
      throw new IllegalArgumentException(
          "endpoint: expected an http:// or https:// URL, e.g. http://127.0.0.1:4318");
    }
    headers =
        headers == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    for (var e : headers.entrySet()) {
      if (e.getValue() == null) {
        throw new IllegalArgumentException("headers." + e.getKey() + ": needs a value");
      }
    }
  }

  /** Names the headers, never their values. */
  @Override
  public String toString() {
    return "OtelSettings[endpoint=" + endpoint + ", headers=" + headers.keySet() + "]";
  }
}
