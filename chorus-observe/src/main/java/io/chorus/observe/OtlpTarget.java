package io.chorus.observe;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where OTLP/HTTP spans go: the traces endpoint and the headers sent with each export (an
 * authorization header of a collector or vendor). Nothing is exported unless a target is
 * configured: {@link #fromEnvironment} is empty when none of the standard variables is set.
 *
 * <p>Header values are secrets: {@link #toString()} names the headers and never shows their values.
 *
 * @param endpoint the traces URL spans are POSTed to (protobuf), {@code http} or {@code https}
 * @param headers header names and values sent with every export
 */
public record OtlpTarget(URI endpoint, Map<String, String> headers) {

  /** The path the OTLP/HTTP specification appends to a base endpoint for traces. */
  public static final String TRACES_PATH = "/v1/traces";

  public OtlpTarget {
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "OTLP endpoint: expected an http:// or https:// URL with a host, e.g."
              + " http://127.0.0.1:4318, was '"
              + redacted(endpoint)
              + "'");
    }
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * A target from a URL as the user writes it ({@code --otel-endpoint}, {@code otel.endpoint}): a
   * base URL ({@code http://127.0.0.1:4318}) gets {@value #TRACES_PATH} appended, as {@code
   * OTEL_EXPORTER_OTLP_ENDPOINT} does; a URL whose path already ends in {@value #TRACES_PATH} is
   * used as it is.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code url}
   */
  public static OtlpTarget of(String url, Map<String, String> headers) {
    URI u = parse(url);
    String path = u.getPath() == null ? "" : u.getPath();
    return new OtlpTarget(path.endsWith(TRACES_PATH) ? u : withTracesPath(u), headers);
  }

  /**
   * The target the standard variables name: {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as it
   * is), else {@code OTEL_EXPORTER_OTLP_ENDPOINT} (with {@value #TRACES_PATH} appended), with the
   * headers of {@code OTEL_EXPORTER_OTLP_HEADERS} and {@code OTEL_EXPORTER_OTLP_TRACES_HEADERS}
   * ({@code key=value,key2=value2}, URL-encoded values; the traces variable wins per key). Empty
   * when no endpoint variable is set, or when {@code OTEL_SDK_DISABLED} is {@code true} or {@code
   * OTEL_TRACES_EXPORTER} is {@code none}.
   *
   * @throws IllegalArgumentException naming the variable that is malformed
   */
  public static Optional<OtlpTarget> fromEnvironment(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())
        || "none".equalsIgnoreCase(env.getOrDefault("OTEL_TRACES_EXPORTER", "").strip())) {
      return Optional.empty();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.putAll(headers(env, "OTEL_EXPORTER_OTLP_HEADERS"));
    headers.putAll(headers(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS"));
    String traces = blankToNull(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    String base = blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    try {
      if (traces != null) {
        return Optional.of(new OtlpTarget(parse(traces), headers));
      }
      if (base != null) {
        return Optional.of(new OtlpTarget(withTracesPath(parse(base)), headers));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (traces != null ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT")
              + ": "
              + e.getMessage(),
          e);
    }
    return Optional.empty();
  }

  /**
   * The target of a program that takes an endpoint from three places, highest first: {@code
   * explicit} (a command-line flag), the standard variables ({@link #fromEnvironment}), then a
   * configuration file's {@code fileEndpoint}. The headers are {@code fileHeaders} overlaid by the
   * header variables. Empty when none names an endpoint (or the variables switch the SDK off and
   * nothing explicit is given): nothing is exported uninvited.
   *
   * @throws IllegalArgumentException naming the malformed value (the flag's text says {@code OTLP
   *     endpoint}, a variable's names the variable), never a header value
   */
  public static Optional<OtlpTarget> resolve(
      @Nullable String explicit,
      Map<String, String> env,
      @Nullable String fileEndpoint,
      Map<String, String> fileHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(fileHeaders);
    headers.putAll(headers(env, "OTEL_EXPORTER_OTLP_HEADERS"));
    headers.putAll(headers(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS"));
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(of(explicit, headers));
    }
    Optional<OtlpTarget> fromEnv = fromEnvironment(env);
    if (fromEnv.isPresent()) {
      return Optional.of(new OtlpTarget(fromEnv.get().endpoint(), headers));
    }
    boolean off =
        "true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())
            || "none".equalsIgnoreCase(env.getOrDefault("OTEL_TRACES_EXPORTER", "").strip());
    if (fileEndpoint != null && !fileEndpoint.isBlank() && !off) {
      return Optional.of(of(fileEndpoint, headers));
    }
    return Optional.empty();
  }

  /** This target with {@code more} headers added (they win over this target's own). */
  public OtlpTarget withHeaders(Map<String, String> more) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.putAll(more);
    return new OtlpTarget(endpoint, h);
  }

  /**
   * {@code key=value,key2=value2} as the OTLP exporter variables write headers (values
   * URL-encoded).
   *
   * @throws IllegalArgumentException naming the entry without {@code =}, never its value
   */
  public static Map<String, String> parseHeaders(String text, String source) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    int n = 0;
    for (String entry : text.split(",")) {
      n++;
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            source + ": entry " + n + " is not key=value (values are not shown)");
      }
      String key = entry.substring(0, eq).strip();
      String value = URLDecoder.decode(entry.substring(eq + 1).strip(), StandardCharsets.UTF_8);
      out.put(key, value);
    }
    return out;
  }

  /** The endpoint and the header names; header values (secrets) are never shown. */
  @Override
  public String toString() {
    return "OtlpTarget[" + redacted(endpoint) + ", headers " + headers.keySet() + "]";
  }

  private static Map<String, String> headers(Map<String, String> env, String variable) {
    return parseHeaders(env.get(variable), variable);
  }

  private static URI parse(String url) {
    try {
      return new URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          "OTLP endpoint: not a URL ('" + e.getReason() + "' at index " + e.getIndex() + ")");
    }
  }

  private static URI withTracesPath(URI base) {
    String path = base.getPath() == null ? "" : base.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    try {
      return new URI(
          base.getScheme(),
          base.getUserInfo(),
          base.getHost(),
          base.getPort(),
          path + TRACES_PATH,
          base.getQuery(),
          null);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("OTLP endpoint: not a URL (" + e.getReason() + ")");
    }
  }

  /** The URL without user info, query or fragment (where secrets could hide). */
  private static String redacted(URI u) {
    return (u.getScheme() == null ? "" : u.getScheme() + "://")
        + (u.getHost() == null ? "" : u.getHost())
        + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + (u.getPath() == null ? "" : u.getPath());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
