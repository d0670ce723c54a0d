package io.chorus.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes (mixed into each). */
public final class GlobalOptions {

  /** True with {@code --json}: JSON instead of text. */
  public boolean json;

  /** With {@code --json FILE.json}: where the JSON goes (stdout keeps the text); else null. */
  public Path jsonFile;

  @Option(
      names = "--json",
      arity = "0..1",
      paramLabel = "FILE.json",
      parameterConsumer = JsonTarget.class,
      description =
          "Print one JSON document on stdout instead of text; with a FILE.json argument, write the JSON there too.")
  void json(String target) {
    json = true;
    jsonFile = target == null || target.isEmpty() ? null : Path.of(target);
  }

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the result: no progress, no notices.")
  public boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log to stderr (debug level) and show stack traces of errors.")
  public boolean verbose;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Use this config file instead of ./chorus.yaml.")
  public Path config;

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      description = "Write the log (with run and call ids) to FILE.")
  public Path logFile;
}
