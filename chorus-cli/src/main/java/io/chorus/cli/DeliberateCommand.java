package io.chorus.cli;

import picocli.CommandLine.Command;

/** {@code chorus deliberate}: Multi-model deliberation: participants propose, see each other's answers and revise until they converge; writes a Collaboration Plan report. Not part of this build yet: the command is declared so that help and completion list it. */
@Command(
    name = "deliberate",
    mixinStandardHelpOptions = true,
    description = {"Multi-model deliberation and the Collaboration Plan report.", "Multi-model deliberation: participants propose, see each other's answers and revise until they converge; writes a Collaboration Plan report."},
    footer = {"", "Examples:", "  chorus deliberate \"List 3 benefits of async programming\" --model sim:fast --model sim:careful --rounds 3 --out plan.md"})
public final class DeliberateCommand extends ChorusSubcommand {

  @Override
  protected int execute() {
    throw new CliException(ExitCodes.NOT_AVAILABLE, "chorus deliberate is not available in this build yet");
  }
}
