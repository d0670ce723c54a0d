package io.chorus.sim;

import java.util.Locale;

/**
 * What an injected fault does to one request. Each kind is rendered in the shape of the protocol
 * the request used (Anthropic or OpenAI).
 */
public enum FaultKind {
  /** HTTP 429 rate-limit error with {@code retry-after} and {@code retry-after-ms}. */
  RATE_LIMIT,
  /** HTTP 500 ({@code api_error} / {@code server_error}). */
  SERVER_ERROR,
  /** HTTP 503 service unavailable. */
  UNAVAILABLE,
  /**
   * HTTP 529 {@code overloaded_error} (Anthropic's overload status; OpenAI requests get it too).
   */
  OVERLOADED,
  /**
   * Quota exhausted: OpenAI 429 {@code insufficient_quota}; Anthropic 402 {@code billing_error}.
   */
  QUOTA_EXHAUSTED,
  /** The request is read, then the connection is reset (TCP RST via SO_LINGER 0), no response. */
  CONNECTION_RESET,
  /** Status line and headers are sent, then nothing until the client gives up. */
  STALL,
  /** The response stops part-way: the connection closes before the body (or stream) is complete. */
  TRUNCATED_STREAM,
  /** HTTP 200 whose JSON body (or one SSE event's data) is not valid JSON. */
  MALFORMED_JSON,
  /**
   * HTTP 200 stream that carries an error part-way: Anthropic {@code event: error}, OpenAI a {@code
   * data: {"error":...}} chunk. Non-streaming requests get a 500 instead.
   */
  MID_STREAM_ERROR,
  /** HTTP 502 with an HTML page, as a proxy or load balancer in front of a provider sends. */
  BAD_GATEWAY_HTML,
  /**
   * Part of the response (headers and half the body, or half a stream) is sent, then a TCP reset.
   */
  RESET_MID_RESPONSE,
  /** Half the body or stream is sent, then nothing until the client gives up. */
  STALL_MID_STREAM,
  /**
   * HTTP 200 whose body (about 17 MiB of JSON) or one server-sent event (about 5 MiB) is larger
   * than a client should read: tests a client's size caps.
   */
  OVERSIZE_BODY;

  /** The name used in config files and stats, e.g. {@code rate_limit}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a config name ({@code overloaded}, {@code connection_reset}; case and dashes ignored).
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static FaultKind parse(String text) {
    String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (FaultKind k : values()) {
      if (k.name().equals(key)) {
        return k;
      }
    }
    StringBuilder names = new StringBuilder();
    for (FaultKind k : values()) {
      names.append(names.isEmpty() ? "" : ", ").append(k.configName());
    }
    throw new IllegalArgumentException(
        "unknown fault kind '" + text + "' (expected one of: " + names + ")");
  }
}
