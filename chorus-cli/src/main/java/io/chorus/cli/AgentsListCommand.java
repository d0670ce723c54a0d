package io.chorus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.chorus.agents.AgentDefinition;
import io.chorus.agents.AgentRegistry;
import io.chorus.common.internal.Json;
import picocli.CommandLine.Command;

/** {@code chorus agents list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the agents: name, model and description.",
    footer = {"", "Examples:", "  chorus agents list", "  chorus agents list --json"})
public final class AgentsListCommand extends ChorusSubcommand {

  @Override
  protected int execute() {
    AgentRegistry r = AgentsCommand.registry(ctx());
    if (global.json) {
      ArrayNode a = Json.MAPPER.createArrayNode();
      for (AgentDefinition d : r.list()) {
        a.addObject()
            .put("name", d.name())
            .put("model", d.modelSpec())
            .put("description", d.description())
            .put("source", d.source());
      }
      out().println(a.toString());
      return ExitCodes.OK;
    }
    int w = r.list().stream().mapToInt(d -> d.name().length()).max().orElse(4);
    for (AgentDefinition d : r.list()) {
      String desc = d.description().replace('\n', ' ');
      out()
          .printf(
              "%-" + w + "s  %-24s  %s%n",
              d.name(),
              d.modelSpec() == null ? "inherit" : d.modelSpec(),
              desc.length() > 90 ? desc.substring(0, 89) + "\u2026" : desc);
    }
    if (!r.problems().isEmpty() && !global.quiet) {
      err().println(r.problems().size() + " problem(s) in agent files: run 'chorus agents check'");
    }
    return ExitCodes.OK;
  }
}
