package io.chorus.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of every command that runs calls: reports, metrics and the progress bar. */
public final class RunMixin {

  @Option(names = "--report", paramLabel = "FILE",
      description = "Write a report of the run: .html (self-contained, with a timeline of every call), .json or .md.")
  public Path report;

  @Option(names = "--metrics", description = "Print the run's metrics (calls, latency percentiles, tokens, cost, retries) on stderr at the end.")
  public boolean metrics;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  public boolean noProgress;

  @Option(names = "--sim-config", paramLabel = "FILE",
      description = "Scenario for the built-in simulator (sim.yaml: scripted answers, latency, faults) when it stands in.")
  public Path simConfig;

  /** The simulator scenario of {@code --sim-config}, or null; errors name file, line and key. */
  public io.chorus.sim.SimConfig simConfig(ChorusSubcommand cmd) {
    if (simConfig == null) {
      return null;
    }
    try {
      return io.chorus.sim.SimConfig.load(cmd.inputFile(simConfig, "simulator scenario"));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  @Option(names = "--max-cost", paramLabel = "USD",
      description = "Stop admitting calls once the next one's worst case would pass this many US dollars; what ran is kept,"
          + " the rest is reported as not run (exit code 6). Overrides budget.max_cost in chorus.yaml.")
  public Double maxCost;

  @Option(names = "--ca", paramLabel = "FILE",
      description = "Trust the certificates of this PEM file (beside the system's) for every provider's TLS connections,"
          + " e.g. the one 'chorus sim --tls' prints. Overrides ca_file in chorus.yaml and CHORUS_CA_FILE.")
  public Path ca;

  @Option(names = "--otel", description = "Emit OpenTelemetry spans (GenAI semantic conventions) to stderr; off by default.")
  public boolean otel;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "10s",
      description = "On Ctrl-C: no new calls, and the calls in flight get this long to finish (default ${DEFAULT-VALUE});"
          + " what was answered is written and the exit code is 130. A second Ctrl-C cancels the calls in flight at once.")
  public String grace;

  /** The {@code --grace} duration; a usage error names the option. */
  java.time.Duration grace() {
    try {
      return io.chorus.config.DurationText.parse(grace == null ? "10s" : grace);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--grace: " + e.getMessage());
    }
  }
}
