package io.chorus.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes (mixed into each). */
public final class GlobalOptions {

  @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
  public boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print only the result: no progress, no notices.")
  public boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Log to stderr (debug level) and show stack traces of errors.")
  public boolean verbose;

  @Option(names = "--config", paramLabel = "FILE", description = "Use this config file instead of ./chorus.yaml.")
  public Path config;

  @Option(names = "--log-file", paramLabel = "FILE", description = "Write the log (with run and call ids) to FILE.")
  public Path logFile;
}
