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

  @Option(names = "--otel", description = "Emit OpenTelemetry spans (GenAI semantic conventions) to stderr; off by default.")
  public boolean otel;
}
