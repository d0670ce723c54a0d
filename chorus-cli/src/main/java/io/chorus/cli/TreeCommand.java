package io.chorus.cli;

import io.chorus.observe.ControlEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code chorus tree PID}: the live run → pattern → call tree of a running Chorus process. */
@Command(
    name = "tree",
    mixinStandardHelpOptions = true,
    description =
        "Print the live run -> pattern -> call tree of a running Chorus process, each call's state:"
            + " queued, waiting on which rate-limit bucket and for how long, in flight since, retrying after"
            + " which error, hedged.",
    footer = {"", "Examples:", "  chorus ps", "  chorus tree 41377"})
public final class TreeCommand extends ChorusSubcommand {

  @Parameters(
      index = "0",
      paramLabel = "PID",
      description =
          "The process, as chorus ps lists it (PID, or PID-N for a second run in one process).")
  String pid;

  @Override
  protected int execute() {
    if (!pid.matches("\\d+(-\\d+)?")) {
      throw new CliException(
          ExitCodes.USAGE, "PID: expected a process id as chorus ps lists it, was '" + pid + "'");
    }
    var tree = ControlEndpoint.tree(ControlEndpoint.directory(ctx().env()), pid);
    if (tree.isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE,
          "no running Chorus process " + pid + " of this user (chorus ps lists them)");
    }
    if (tree.get().isEmpty()) {
      out().println("process " + pid + ": no run in progress");
    }
    tree.get().forEach(out()::println);
    return ExitCodes.OK;
  }
}
