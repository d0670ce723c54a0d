package io.chorus.cli;

import io.chorus.agents.AgentRegistry;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chorus agents}: agent definition files. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = {
      "List, show, check and run agent definition files.",
      "Agent definition files (Markdown with YAML front matter): the built-in library, ./agents and ~/.chorus/agents",
      "(a later folder's agent replaces an earlier one of the same name)."
    },
    subcommands = {
      AgentsListCommand.class,
      AgentsShowCommand.class,
      AgentsCheckCommand.class,
      AgentsRunCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  chorus agents list",
      "  chorus agents show code-reviewer",
      "  chorus agents check agents/",
      "  chorus agents run code-reviewer --input '{\"code\": \"...\"}' --model sim:fast"
    })
public final class AgentsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a subcommand: list, show, check or run");
  }

  /** Built-ins, then {@code ./agents}, then {@code ~/.chorus/agents}. */
  static AgentRegistry registry(CliContext ctx) {
    return AgentRegistry.standard(
        ctx.cwd().resolve("agents"), ctx.home().resolve(Path.of(".chorus", "agents")));
  }
}
