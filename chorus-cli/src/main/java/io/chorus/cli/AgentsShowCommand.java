package io.chorus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.agents.AgentDefinition;
import io.chorus.common.internal.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code chorus agents show NAME}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show one agent: model, schemas, error handling and its prompt.",
    footer = {"", "Examples:", "  chorus agents show code-reviewer"})
public final class AgentsShowCommand extends ChorusSubcommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Override
  protected int execute() throws Exception {
    var registry = AgentsCommand.registry(ctx());
    AgentDefinition d =
        registry
            .find(name)
            .orElseThrow(
                () ->
                    new CliException(
                        ExitCodes.USAGE,
                        "no agent named '"
                            + name
                            + "'; known: "
                            + String.join(
                                ", ",
                                registry.list().stream().map(AgentDefinition::name).toList())));
    ObjectMapper m = Json.MAPPER;
    if (global.json) {
      var n = m.createObjectNode();
      n.put("name", d.name())
          .put("description", d.description())
          .put("version", d.version())
          .put("model", d.modelSpec())
          .put("source", d.source());
      n.set("input_schema", d.inputSchema());
      n.set("output_schema", d.outputSchema());
      n.put("system_prompt", d.systemPrompt());
      out().println(n.toString());
      return ExitCodes.OK;
    }
    out().println("# " + d.name() + (d.version().isEmpty() ? "" : " (" + d.version() + ")"));
    out().println();
    out().println(d.description());
    out().println();
    out()
        .println(
            "- model: "
                + (d.modelSpec() == null ? "inherit" : d.modelSpec())
                + (d.model() == null ? "" : " -> " + d.model()));
    out().println("- source: " + d.source());
    out()
        .println(
            "- temperature: " + (d.temperature() == null ? "provider default" : d.temperature()));
    out().println("- error handling: " + d.errorHandling());
    out()
        .println(
            "- input schema: "
                + (d.inputSchema() == null ? "any object" : d.inputSchema().toString()));
    out()
        .println(
            "- output schema: "
                + (d.outputSchema() == null ? "free text" : d.outputSchema().toString()));
    out().println();
    out().println(d.systemPrompt().strip());
    return ExitCodes.OK;
  }
}
