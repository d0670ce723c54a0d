package io.chorus.cli;

import io.chorus.observe.ControlEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code chorus ps}: the Chorus processes running as this user, read from their control sockets.
 */
@Command(
    name = "ps",
    mixinStandardHelpOptions = true,
    description =
        "List the Chorus processes running as this user: command, run id, calls done / in flight / waiting,"
            + " cost so far. Read from each process's control socket (private to this user; no TCP port).",
    footer = {
      "",
      "Each command that makes calls opens a Unix domain socket in $CHORUS_CONTROL_DIR, else"
          + " $XDG_RUNTIME_DIR/chorus, else /tmp/chorus-USER (rwx------); CHORUS_CONTROL=off opens none.",
      "",
      "Examples:",
      "  chorus ps",
      "  chorus ps --json",
      "  chorus tree 41377"
    })
public final class PsCommand extends ChorusSubcommand {

  @Override
  protected int execute() {
    List<ControlEndpoint.ProcessStatus> all;
    try {
      all = ControlEndpoint.list(ControlEndpoint.directory(ctx().env()));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.CONFIG, "cannot read the control directory: " + e.getMessage());
    }
    if (global.json) {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      var arr = mapper.createArrayNode();
      for (var p : all) {
        arr.addObject()
            .put("pid", p.pid())
            .put("endpoint", p.endpoint())
            .put("command", p.command())
            .put("run_id", p.runId())
            .put("done", p.done())
            .put("failed", p.failed())
            .put("in_flight", p.inFlight())
            .put("waiting", p.waiting())
            .put("cost_usd", p.costUsd());
      }
      out().println(arr.toString());
      return ExitCodes.OK;
    }
    if (all.isEmpty()) {
      out().println("no Chorus process running as this user");
      return ExitCodes.OK;
    }
    out()
        .println(
            String.format(
                Locale.ROOT,
                "%-10s %-20s %-30s %6s %9s %7s %10s",
                "PID",
                "COMMAND",
                "RUN",
                "DONE",
                "IN FLIGHT",
                "WAITING",
                "COST"));
    for (var p : all) {
      out()
          .println(
              String.format(
                      Locale.ROOT,
                      "%-10s %-20s %-30s %6d %9d %7d %10s",
                      p.endpoint(),
                      p.command(),
                      p.runId() == null ? "-" : p.runId(),
                      p.done(),
                      p.inFlight(),
                      p.waiting(),
                      io.chorus.core.Budget.usd(p.costUsd()))
                  + (p.failed() > 0 ? "  (" + p.failed() + " failed)" : ""));
    }
    return ExitCodes.OK;
  }
}
