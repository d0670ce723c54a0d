package io.chorus.cli;

import io.chorus.patterns.spec.PatternSpec;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chorus run}: any pattern spec file (sections, vote, nested translation). */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a pattern spec file (sections, vote or nested translation), or an agent by name.",
      "Run a pattern spec file of any kind: sections, vote, or a nested translation (sectioning over languages where",
      "each section is a vote among translators). The spec's kind comes from 'kind:' or its keys."
    },
    footer = {
      "",
      "Examples:",
      "  chorus run translate.yaml --report translate.html",
      "  chorus run document-analysis.sections.yaml --input report.txt --out analysis.md",
      "  chorus run moderation.voters.yaml --text \"Is this acceptable?\" --json",
      "  chorus run jvm-concurrency-expert --input '{\"query\": \"crawl 10k URLs at 50 req/s\"}'   # an agent by name"
    })
public final class RunCommand extends ChorusSubcommand {

  @Parameters(
      index = "0",
      paramLabel = "SPEC|AGENT",
      description = "The spec file (YAML), or the name of an agent (see chorus agents list).")
  Path spec;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      description = "The input (document, question or text) from a file ('-' for stdin).")
  Path input;

  @Option(
      names = {"-t", "--text"},
      paramLabel = "TEXT",
      description = "The input given inline.")
  String text;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the result (Markdown, or JSON with --json) to FILE.")
  Path out;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "PROVIDER:MODEL",
      description = "For an agent: use this model for every agent of the run.")
  String model;

  @Mixin RunMixin run;

  @Override
  protected int execute() throws Exception {
    if (input != null && text != null) {
      throw new CliException(ExitCodes.USAGE, "--input and --text exclude each other");
    }
    if (!Files.exists(resolve(spec))
        && AgentsCommand.registry(ctx()).find(spec.toString()).isPresent()) {
      // chorus run AGENT --input '{...}': an agent from the registry rather than a spec file
      String json =
          text != null
              ? text
              : input == null
                  ? null
                  : input.toString().strip().startsWith("{")
                      ? input.toString()
                      : Files.readString(inputFile(input, "input file"));
      if (json == null) {
        throw new CliException(
            ExitCodes.USAGE,
            "agent " + spec + " needs its input: --input '{...}' (JSON) or --input FILE.json");
      }
      return AgentsRunCommand.runAgent(this, spec.toString(), json, model, run);
    }
    try {
      PatternSpec s = PatternSpecs.load(inputFile(spec, "spec file"));
      String in = text != null ? text : SectionCommand.readInput(this, input);
      return PatternRun.run(this, s.toPattern(in), s.kind() + " " + spec.getFileName(), run, out);
    } catch (SpecException e) {
      throw PatternRun.specError(e);
    }
  }
}
