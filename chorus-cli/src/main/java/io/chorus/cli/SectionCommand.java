package io.chorus.cli;

import io.chorus.core.FailurePolicy;
import io.chorus.patterns.spec.PatternSpec;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.spec.SectionsSpec;
import io.chorus.patterns.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chorus section}: named sections over one input, concurrently, merged in order. */
@Command(
    name = "section",
    mixinStandardHelpOptions = true,
    description = {
      "Sectioning: named sections over one input, concurrently, merged in order.",
      "Sectioning: run the named sections of a sections.yaml over one input concurrently (under the engine's limits",
      "and the spec's failure policy) and merge them in declared order. Each section's outcome is reported, failed ones",
      "with their error class and attempts. Exit code 1 when the merge produced nothing."
    },
    footer = {
      "",
      "Examples:",
      "  chorus section --spec document-analysis.sections.yaml --input report.txt",
      "  chorus section --spec sections.yaml --input doc.txt --out analysis.md --report run.html",
      "  chorus section --spec sections.yaml --input doc.txt --json",
      "  chorus section --spec sections.yaml --input doc.txt --policy require-all --fallback sim:fast"
    })
public final class SectionCommand extends ChorusSubcommand {

  @Option(
      names = "--spec",
      required = true,
      paramLabel = "FILE",
      description = "The sections.yaml spec.")
  Path spec;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      description = "The input document ('-' for stdin); default the spec's own input.")
  Path input;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the merged result (Markdown, or JSON with --json) to FILE.")
  Path out;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      description =
          "Failure policy over the spec's own: ignore, fail-fast, retry[:N], require-all, quorum:K.")
  String policy;

  @Mixin RunMixin run;

  @Override
  protected int execute() throws Exception {
    try {
      PatternSpec s = PatternSpecs.load(inputFile(spec, "spec file"));
      if (!(s instanceof SectionsSpec)) {
        throw new CliException(
            ExitCodes.USAGE,
            spec + " is a '" + s.kind() + "' spec, not sections: run it with 'chorus run'");
      }
      SectionsSpec sections = (SectionsSpec) s;
      if (policy != null) {
        FailurePolicy p;
        try {
          p = FailurePolicy.parse(policy);
        } catch (IllegalArgumentException e) {
          throw new CliException(ExitCodes.USAGE, "--policy: " + e.getMessage(), e);
        }
        sections =
            new SectionsSpec(
                sections.file(),
                sections.name(),
                sections.model(),
                sections.maxTokens(),
                p,
                sections.merge(),
                sections.variables(),
                sections.input(),
                sections.sections());
      }
      return PatternRun.run(
          this,
          sections.toPattern(readInput(this, input)),
          "section " + spec.getFileName(),
          run,
          out);
    } catch (SpecException e) {
      throw PatternRun.specError(e);
    }
  }

  static String readInput(ChorusSubcommand cmd, Path input) throws java.io.IOException {
    if (input == null) {
      return null;
    }
    if (input.toString().equals("-")) {
      return new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    return Files.readString(cmd.inputFile(input, "input file"));
  }
}
