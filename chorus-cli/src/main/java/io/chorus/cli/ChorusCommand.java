package io.chorus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code chorus} command: it only dispatches to subcommands. */
@Command(
    name = "chorus",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs many LLM calls at once, within rate limits and through faults, and turns their answers into one result.",
      "With no provider key configured, commands run on the built-in simulator and say so."
    },
    subcommands = {
      AskCommand.class,
      SectionCommand.class,
      VoteCommand.class,
      DeliberateCommand.class,
      ReviewCommand.class,
      RunCommand.class,
      AgentsCommand.class,
      BatchCommand.class,
      WorkerCommand.class,
      SimCommand.class,
      ServeCommand.class,
      AdviseCommand.class,
      BenchCommand.class,
      ConfigCommand.class,
      PsCommand.class,
      TreeCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  chorus ask \"Explain backpressure in one paragraph\" --model sim:fast",
      "  chorus vote \"Is this message spam?\" --options yes,no --model sim:fast --samples 5",
      "  chorus batch requests.jsonl --out answers.jsonl --report run.html",
      "  chorus config show",
      "  source <(chorus completion)"
    })
public final class ChorusCommand implements Runnable {

  private final CliContext context;

  @Spec CommandSpec spec;

  public ChorusCommand(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a command: try 'chorus ask \"hello\"' or 'chorus --help'");
  }
}
