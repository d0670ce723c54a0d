package io.chorus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chorus config}: inspect the configuration. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect the effective configuration.",
      "Inspect the configuration: ./chorus.yaml (project) merged over ~/.config/chorus/chorus.yaml (user),",
      "then environment overrides (CHORUS_MODEL, CHORUS_FAILURE_POLICY, CHORUS_RETRIES, CHORUS_CONCURRENCY,",
      "ANTHROPIC_BASE_URL, OPENAI_BASE_URL, XAI_BASE_URL, OLLAMA_HOST)."
    },
    subcommands = {ConfigShowCommand.class},
    footer = {
      "",
      "Examples:",
      "  chorus config show",
      "  chorus config show --json",
      "  chorus config show --config other.yaml"
    })
public final class ConfigCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a subcommand: try 'chorus config show'");
  }
}
