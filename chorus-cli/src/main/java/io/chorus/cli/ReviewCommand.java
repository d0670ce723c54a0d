package io.chorus.cli;

import picocli.CommandLine.Command;

/** {@code chorus review}: Review code or a document with several reviewers at once; exits 1 when findings exceed the threshold. Not part of this build yet: the command is declared so that help and completion list it. */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = "Review code or a document with several reviewers at once; exits 1 when findings exceed the threshold.",
    footer = {"", "Examples:", "  chorus review src/ --threshold high"})
public final class ReviewCommand extends ChorusSubcommand {

  @Override
  protected int execute() {
    throw new CliException(ExitCodes.NOT_AVAILABLE, "chorus review is not available in this build yet");
  }
}
