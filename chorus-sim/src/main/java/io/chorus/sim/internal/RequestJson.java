package io.chorus.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.TokenEstimate;

/**
 * The checks both protocols make on a request body alike; the wording of each problem stays the
 * protocol's own (passed in), as the real APIs word them differently. Stateless.
 */
final class RequestJson {
  private RequestJson() {}

  /**
   * The body as a JSON object.
   *
   * @param notJson what the protocol says before the parser's message when the body is not JSON
   */
  static JsonNode object(HttpRequest request, String notJson) throws ParsedCall.Invalid {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(request.body());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ParsedCall.Invalid(notJson + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ParsedCall.Invalid("request body is unreadable");
    }
    if (root == null || !root.isObject()) {
      throw new ParsedCall.Invalid("request body must be a JSON object");
    }
    return root;
  }

  /** The non-blank {@code model}; else {@code problem}. */
  static String model(JsonNode root, String problem) throws ParsedCall.Invalid {
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank()) {
      throw new ParsedCall.Invalid(problem);
    }
    return model.asText();
  }

  /** The non-empty {@code messages} array; else {@code problem}. */
  static JsonNode messages(JsonNode root, String problem) throws ParsedCall.Invalid {
    JsonNode messages = root.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new ParsedCall.Invalid(problem);
    }
    return messages;
  }

  /** The input tokens the {@code tools} array costs, counted by its JSON size; 0 without tools. */
  static long toolTokens(JsonNode root) {
    JsonNode tools = root.get("tools");
    return tools != null && tools.isArray() ? TokenEstimate.of(tools.toString()) : 0;
  }

  /** The key of an {@code Authorization: Bearer} header, or null. */
  static String bearerKey(HttpRequest request) {
    String auth = request.header("authorization");
    return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
        ? auth.substring(7).strip()
        : null;
  }
}
