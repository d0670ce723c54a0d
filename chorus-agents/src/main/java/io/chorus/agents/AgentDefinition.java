package io.chorus.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.ModelId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An agent, as read from an agent file: Markdown with YAML front matter, whose body is the system
 * prompt. See the package documentation for the file format.
 *
 * <p>Immutable and thread-safe (the schema nodes must not be modified).
 *
 * @param name the unique name agents are found and referenced by
 * @param description one line for {@code chorus agents list}, or ""
 * @param version as written, or ""
 * @param modelSpec the {@code model} value as written ({@code sonnet}), or null when absent
 * @param model the resolved model, or null for the runner's default ({@code inherit} or absent)
 * @param tools the tools the file names (informational: Chorus does not run tools)
 * @param capabilities the capability tags
 * @param inputSchema the JSON Schema inputs must satisfy, or null for any object
 * @param outputSchema the JSON Schema answers must satisfy, or null for free text
 * @param errorHandling retries, repair rounds and the fallback agent
 * @param tokenOptimization context limit, response max tokens, conciseness
 * @param temperature the sampling temperature, or null for the provider's default
 * @param systemPrompt the Markdown body, verbatim
 * @param prompt the body as a template: its {@code {{variables}}} are filled from input fields
 * @param relatedAgents the rows of the body's Related Agents table
 * @param extras front-matter keys Chorus does not know, kept as written
 * @param source the file or resource the agent was read from
 * @param keyLines the file line of each front-matter key, by JSON pointer ({@code
 *     /error_handling/fallback_agent})
 */
public record AgentDefinition(
    String name,
    String description,
    String version,
    @Nullable String modelSpec,
    @Nullable ModelId model,
    List<String> tools,
    List<String> capabilities,
    @Nullable JsonNode inputSchema,
    @Nullable JsonNode outputSchema,
    ErrorHandling errorHandling,
    TokenOptimization tokenOptimization,
    @Nullable Double temperature,
    String systemPrompt,
    PromptTemplate prompt,
    List<RelatedAgent> relatedAgents,
    Map<String, JsonNode> extras,
    String source,
    Map<String, Integer> keyLines) {

  public AgentDefinition {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    version = version == null ? "" : version;
    tools = List.copyOf(tools);
    capabilities = List.copyOf(capabilities);
    Objects.requireNonNull(errorHandling, "errorHandling");
    Objects.requireNonNull(tokenOptimization, "tokenOptimization");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(prompt, "prompt");
    relatedAgents = List.copyOf(relatedAgents);
    extras = Map.copyOf(extras);
    Objects.requireNonNull(source, "source");
    keyLines = Map.copyOf(keyLines);
  }

  /** The file line of a front-matter key (a JSON pointer), or of the front matter's first line. */
  public int lineOf(String pointer) {
    String p = pointer;
    while (!p.isEmpty()) {
      Integer line = keyLines.get(p);
      if (line != null) {
        return line;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
    return keyLines.getOrDefault("", 1);
  }

  /** The fallback agent's name, if any. */
  public Optional<String> fallbackAgent() {
    return Optional.ofNullable(errorHandling.fallbackAgent());
  }

  @Override
  public String toString() {
    return "AgentDefinition[" + name + " from " + source + "]";
  }
}
