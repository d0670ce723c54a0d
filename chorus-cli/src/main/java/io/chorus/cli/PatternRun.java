package io.chorus.cli;

import io.chorus.config.ConfiguredEngine;
import io.chorus.core.ModelId;
import io.chorus.core.Pattern;
import io.chorus.core.PatternResult;
import io.chorus.patterns.spec.SpecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a pattern (vote, sectioning, nested translation) for a command: engine from the config with
 * the simulator fallback, progress, report and metrics; prints the result as Markdown (or JSON with
 * --json) or writes it to --out.
 */
final class PatternRun {

  private PatternRun() {}

  static int run(ChorusSubcommand cmd, Pattern<?> pattern, String title, RunMixin run, Path outFile)
      throws IOException {
    List<ModelId> models = PatternModels.of(pattern);
    if (models.isEmpty()) {
      models = List.of(ConfiguredEngine.defaultModel(cmd.config()));
    }
    Observation obs = new Observation(cmd, run, title, false);
    PatternResult result;
    try (ConfiguredEngine session =
        ConfiguredEngine.open(
            cmd.config(),
            models,
            obs.listeners(),
            run.route(cmd, cmd.engineTime(), io.chorus.providers.BatchLedger.inMemory(), 10_000),
            run.simConfig(cmd))) {
      if (session.notice() != null) {
        cmd.notice(session.notice());
      }
      obs.start();
      result = pattern.run(cmd.interruptible(session.engine()));
      obs.finish(result);
    }
    String text;
    if (cmd.global.json) {
      text = cmd.markInterrupted(result.toJson());
    } else {
      text =
          cmd.markInterrupted(
              result.toMarkdown()); // labelled synthetic by the pattern, from its calls
    }
    if (outFile != null) {
      cmd.writeOutput(outFile, text);
    } else {
      cmd.out().println(text.stripTrailing());
    }
    return result.ok() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }

  /** A spec problem as a one-line usage error (file:line: key: problem). */
  static CliException specError(SpecException e) {
    return new CliException(ExitCodes.USAGE, e.getMessage(), e);
  }
}
