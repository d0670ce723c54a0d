package io.chorus.cli;

import io.chorus.agents.Agents;
import io.chorus.agents.Problem;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code chorus agents check [PATH]}. */
@Command(
    name = "validate",
    aliases = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validate agent files (a file or a folder; default: every agent the registry loads) and print each problem as",
      "file:line: message. Exit code 1 when there is an error."
    },
    footer = {
      "",
      "Examples:",
      "  chorus agents validate",
      "  chorus agents validate agents/my-agent.md"
    })
public final class AgentsCheckCommand extends ChorusSubcommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "An agent file or folder.")
  Path path;

  @Override
  protected int execute() {
    List<Problem> problems =
        path == null ? AgentsCommand.registry(ctx()).problems() : Agents.validate(inputPath(path));
    for (Problem p : problems) {
      (p.isError() ? err() : out()).println(p);
    }
    long errors = problems.stream().filter(Problem::isError).count();
    if (!global.quiet) {
      out()
          .println(
              errors == 0
                  ? "ok: no errors"
                      + (problems.isEmpty() ? "" : " (" + problems.size() + " warning(s))")
                  : errors + " error(s)");
    }
    return errors == 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }

  private Path inputPath(Path p) {
    Path r = resolve(p);
    if (!java.nio.file.Files.exists(r)) {
      throw CliException.missingFile(p, "agent file or folder");
    }
    return r;
  }
}
