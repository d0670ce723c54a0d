package io.chorus.cli;

import io.chorus.config.ConfiguredEngine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.patterns.spec.PatternSpec;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.spec.SpecException;
import io.chorus.patterns.spec.VotingSpec;
import io.chorus.patterns.vote.Adaptive;
import io.chorus.patterns.vote.Aggregators;
import io.chorus.patterns.vote.Voting;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chorus vote}: several voters, or one model sampled several times, and a tally. */
@Command(
    name = "vote",
    mixinStandardHelpOptions = true,
    description = {
      "Voting: several voters or samples, and a tally.",
      "Voting: ask several voters (a voters.yaml) or one model several times (--samples) and aggregate their decisions.",
      "Answers are parsed as JSON {decision, confidence, reasoning} or DECISION/CONFIDENCE/REASONING lines; an answer",
      "that cannot be parsed is an invalid vote, never a silent choice. Exit code 1 when no decision was reached."
    },
    footer = {
      "",
      "Examples:",
      "  chorus vote \"Is this message spam? 'WIN A FREE CRUISE'\" --options spam,ham --model sim:fast --samples 5",
      "  chorus vote --voters moderation.voters.yaml --out moderation.md",
      "  chorus vote \"Which is faster?\" --options a,b --model anthropic:claude-haiku-4-5 --samples 7 --aggregator threshold --threshold 0.7",
      "  chorus vote \"Ship it?\" --options yes,no --samples 9 --adaptive cancel --json"
    })
public final class VoteCommand extends ChorusSubcommand {

  @Parameters(
      arity = "0..*",
      paramLabel = "PROMPT",
      description =
          "The question (words joined with spaces); optional with a voters file that has a prompt.")
  List<String> prompt;

  @Option(
      names = "--voters",
      paramLabel = "FILE",
      description = "A voters.yaml spec (voters, options, aggregator...).")
  Path voters;

  @Option(
      names = "--options",
      split = ",",
      paramLabel = "A,B,C",
      description = "The options to choose from (omit for free-text answers).")
  List<String> options;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "PROVIDER:MODEL",
      description = "The model for --samples (default: defaults.model).")
  String model;

  @Option(
      names = "--samples",
      paramLabel = "N",
      description = "Self-consistency: N samples of --model (default 5 without --voters).")
  Integer samples;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      defaultValue = "0.8",
      description = "Temperature of the samples (default ${DEFAULT-VALUE}).")
  double temperature;

  @Option(
      names = "--aggregator",
      paramLabel = "NAME",
      description = "majority (default), threshold, weighted, confidence or borda.")
  String aggregator;

  @Option(
      names = "--threshold",
      paramLabel = "R",
      description = "Consensus threshold in (0, 1] (default 0.6).")
  Double threshold;

  @Option(
      names = "--adaptive",
      paramLabel = "MODE",
      description = "off (default), cancel (stop once the winner cannot change) or waves:N.")
  String adaptive;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      description = "Failure policy: ignore, fail-fast, retry[:N], require-all, quorum:K.")
  String policy;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the tally (Markdown, or JSON with --json) to FILE instead of stdout.")
  Path out;

  @Mixin RunMixin run;

  @Override
  protected int execute() throws Exception {
    String question = prompt == null || prompt.isEmpty() ? null : String.join(" ", prompt);
    if (question != null && question.isBlank()) {
      throw new CliException(ExitCodes.USAGE, "the vote question is empty");
    }
    Voting.Builder b;
    try {
      if (voters != null) {
        PatternSpec spec = PatternSpecs.load(inputFile(voters, "voters file"));
        if (!(spec instanceof VotingSpec vs)) {
          throw new CliException(
              ExitCodes.USAGE,
              voters + " is a '" + spec.kind() + "' spec, not a vote: run it with 'chorus run'");
        }
        b = vs.builder(question);
        if (samples != null) {
          b.samples(
              model != null
                  ? AskCommand.parseModel(model)
                  : vs.model() != null ? vs.model() : ConfiguredEngine.defaultModel(config()),
              samples,
              temperature,
              null);
        }
      } else {
        if (question == null) {
          throw new CliException(
              ExitCodes.USAGE, "give a question, or a voters file with --voters");
        }
        ModelId m =
            model != null ? AskCommand.parseModel(model) : ConfiguredEngine.defaultModel(config());
        b =
            Voting.builder()
                .name("vote")
                .prompt(question)
                .model(m)
                .samples(m, samples == null ? 5 : samples, temperature, null);
      }
      if (options != null && !options.isEmpty()) {
        b.options(options.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
      }
      if (aggregator != null || threshold != null) {
        double th = threshold == null ? Aggregators.DEFAULT_THRESHOLD : threshold;
        b.aggregator(
            switch (aggregator == null
                ? "majority"
                : aggregator.strip().toLowerCase(java.util.Locale.ROOT)) {
              case "majority" -> Aggregators.majority(th);
              case "threshold", "consensus" -> Aggregators.threshold(th);
              case "weighted" -> Aggregators.weighted(th);
              case "confidence", "confidence-weighted" -> Aggregators.confidenceWeighted(th);
              case "borda", "ranked" -> Aggregators.borda(th);
              default ->
                  throw new CliException(
                      ExitCodes.USAGE,
                      "unknown aggregator '"
                          + aggregator
                          + "': use majority, threshold, weighted, confidence or borda"
                          + " (judge and semantic need a voters file)");
            });
      }
      if (adaptive != null) {
        b.adaptive(Adaptive.parse(adaptive));
      }
      if (policy != null) {
        b.policy(FailurePolicy.parse(policy));
      }
      return PatternRun.run(this, b.build(), "vote", run, out);
    } catch (SpecException e) {
      throw PatternRun.specError(e);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
    }
  }
}
