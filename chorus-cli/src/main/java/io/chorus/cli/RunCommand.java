package io.chorus.cli;

import io.chorus.patterns.spec.PatternSpec;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.spec.SpecException;
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
      "Run a pattern spec file: sections, vote or nested translation.",
      "Run a pattern spec file of any kind: sections, vote, or a nested translation (sectioning over languages where",
      "each section is a vote among translators). The spec's kind comes from 'kind:' or its keys."
    },
    footer = {
      "",
      "Examples:",
      "  chorus run translate.yaml --report translate.html",
      "  chorus run document-analysis.sections.yaml --input report.txt --out analysis.md",
      "  chorus run moderation.voters.yaml --text \"Is this acceptable?\" --json"
    })
public final class RunCommand extends ChorusSubcommand {

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file (YAML).")
  Path spec;

  @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "The input (document, question or text) from a file ('-' for stdin).")
  Path input;

  @Option(names = {"-t", "--text"}, paramLabel = "TEXT", description = "The input given inline.")
  String text;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the result (Markdown, or JSON with --json) to FILE.")
  Path out;

  @Mixin RunMixin run;

  @Override
  protected int execute() throws Exception {
    if (input != null && text != null) {
      throw new CliException(ExitCodes.USAGE, "--input and --text exclude each other");
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
