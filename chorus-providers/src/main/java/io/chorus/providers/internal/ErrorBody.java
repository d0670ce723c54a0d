package io.chorus.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The useful part of a provider's error body, whichever shape it came in:
 *
 * <ul>
 *   <li>Anthropic: {@code {"type":"error","error":{"type":"rate_limit_error","message":"..."}}}
 *   <li>OpenAI, llama.cpp, Ollama /v1: {@code {"error":{"message","type","param","code"}}} with a
 *       string or integer code
 *   <li>vLLM (older) : flat {@code {"object":"error","message","type","code":400}}
 *   <li>Ollama native, xAI: flat {@code {"error":"message"}}, xAI adding {@code "code":"..."}
 *   <li>anything else: the raw text (HTML from a proxy, a bare string)
 * </ul>
 *
 * @param type the error type ({@code rate_limit_error}, {@code insufficient_quota}...), or null
 * @param code the error code as text ({@code "rate_limit_exceeded"}, {@code "400"}), or null
 * @param message a human-readable message, never null
 */
public record ErrorBody(String type, String code, String message) {
  private static final int MAX_RAW = 300;

  /** Parses a raw error body; never throws. */
  public static ErrorBody parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return new ErrorBody(null, null, "");
    }
    try {
      JsonNode root = Json.MAPPER.readTree(raw);
      if (root != null && root.isObject()) {
        ErrorBody body = fromJson(root);
        if (body != null) {
          return body;
        }
      }
    } catch (JsonProcessingException e) {
      // not JSON: fall back to the text
    }
    return new ErrorBody(null, null, abbreviate(raw.strip()));
  }

  /** The error inside a parsed JSON object, or null when it does not look like one. */
  public static ErrorBody fromJson(JsonNode root) {
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      return new ErrorBody(
          Json.text(error, "type"), Json.text(error, "code"), orEmpty(Json.text(error, "message")));
    }
    if (error != null && error.isTextual()) {
      return new ErrorBody(Json.text(root, "type"), Json.text(root, "code"), error.asText());
    }
    if ("error".equals(Json.text(root, "object")) || (root.has("message") && root.has("code"))) {
      return new ErrorBody(
          Json.text(root, "type"), Json.text(root, "code"), orEmpty(Json.text(root, "message")));
    }
    return null;
  }

  /** Whether the type or code equals {@code value}. */
  public boolean is(String value) {
    return value.equalsIgnoreCase(type) || value.equalsIgnoreCase(code);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String abbreviate(String s) {
    return s.length() <= MAX_RAW ? s : s.substring(0, MAX_RAW) + "...";
  }
}
