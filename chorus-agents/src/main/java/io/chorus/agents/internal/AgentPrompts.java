package io.chorus.agents.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.agents.AgentDefinition;
import io.chorus.agents.RelatedAgent;
import io.chorus.agents.TokenOptimization;
import io.chorus.common.internal.Json;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The texts the runner sends: system prompt, first user message, repair message. */
public final class AgentPrompts {
  private static final ObjectMapper JSON = Json.MAPPER;

  private AgentPrompts() {}

  /**
   * The agent body with its {@code {{variables}}} filled from the input's top-level fields, plus
   * the concise instruction and the handover section.
   *
   * @throws io.chorus.agents.DefinitionException when a variable has no value in the input
   */
  public static String system(AgentDefinition a, JsonNode input, List<RelatedAgent> handovers) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    input.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
    StringBuilder sb = new StringBuilder(a.prompt().renderIgnoringExtra(values).strip());
    if (a.tokenOptimization().preferConcise()) {
      sb.append("\n\n").append(TokenOptimization.CONCISE_INSTRUCTION);
    }
    if (!handovers.isEmpty()) {
      sb.append(
              "\n\n## Handover\n\nIf the request is better served by one of these agents, answer with only the line")
          .append(" `HANDOVER: <agent>` and nothing else:\n");
      for (RelatedAgent r : handovers) {
        sb.append("- ")
            .append(r.agent())
            .append(": ")
            .append(r.trigger().isBlank() ? r.relationship() : r.trigger())
            .append('\n');
      }
    }
    return sb.toString().strip();
  }

  /** The input as JSON, and the output schema the answer must satisfy. */
  public static String user(JsonNode input, JsonNode outputSchema) {
    StringBuilder sb =
        new StringBuilder("Input (JSON):\n```json\n").append(pretty(input)).append("\n```\n");
    if (outputSchema != null) {
      sb.append(
              "\nAnswer with one JSON object that validates against this JSON Schema, in a ```json fenced block:\n```json\n")
          .append(pretty(outputSchema))
          .append("\n```\n");
    }
    return sb.toString();
  }

  /** Sent after an answer that did not validate: the errors, and what to do. */
  public static String repair(List<String> errors) {
    StringBuilder sb =
        new StringBuilder("Your answer did not validate against the output schema:\n");
    errors.forEach(e -> sb.append("- ").append(e).append('\n'));
    sb.append("\nAnswer again with the corrected JSON object only, in a ```json fenced block.");
    return sb.toString();
  }

  private static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
