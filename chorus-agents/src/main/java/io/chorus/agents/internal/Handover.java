package io.chorus.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a handover request from an answer: a line {@code HANDOVER: <agent>} (any case, alone on its
 * line), or a top-level JSON field {@code "handover": "<agent>"}.
 */
public final class Handover {
  private static final Pattern LINE =
      Pattern.compile(
          "^[ \\t>*_`]*HANDOVER[ \\t]*:[ \\t*_]*`?([A-Za-z0-9][A-Za-z0-9._-]*)`?[ \\t*_`]*$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private Handover() {}

  /** The agent the answer hands over to, if it asks for one. */
  public static Optional<String> requested(String text, JsonNode json) {
    Matcher m = LINE.matcher(text);
    if (m.find()) {
      return Optional.of(m.group(1));
    }
    if (json != null
        && json.isObject()
        && json.path("handover").isTextual()
        && !json.get("handover").asText().isBlank()) {
      return Optional.of(json.get("handover").asText().strip());
    }
    return Optional.empty();
  }
}
