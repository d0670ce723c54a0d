package io.chorus.cli;

import io.chorus.agents.AgentDefinition;
import io.chorus.agents.AgentLibrary;
import io.chorus.agents.AgentRegistry;
import io.chorus.config.ConfiguredEngine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.review.ReviewReport;
import io.chorus.review.ReviewResult;
import io.chorus.review.Reviewer;
import io.chorus.review.SecurityReview;
import io.chorus.review.Severity;
import io.chorus.review.SourceSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chorus review}: a security review by specialist reviewers with a confirmation threshold.
 */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "Security code review by voting: five specialist reviewers (injection; authentication and authorization;",
      "cryptography and secrets; data protection; general) review every file, findings are grouped across reviewers",
      "by location and meaning, and a finding is confirmed when at least --threshold reviewers report it.",
      "Reviewers are agent files (security-*.md): put your own in ./agents to change or extend them.",
      "The code is untrusted input: instructions inside it are not obeyed, and are reported.",
      "Exit code 1 with --fail-on when a confirmed finding is at least that severe. A review where reviewers failed",
      "is DEGRADED (said at the top of every report, SARIF executionSuccessful false): exit 5 when fewer than",
      "--threshold reviewers answered, or with --fail-on when any failed; exit 4 when every reviewer failed because",
      "the provider was unavailable. Chorus's own outputs (--out, --sarif, --json, --report, .chorus/) are never reviewed."
    },
    footer = {
      "",
      "Examples:",
      "  chorus review src/ --threshold 2 --sarif out.sarif --out report.md",
      "  chorus review --diff origin/main..HEAD --sarif review.sarif --fail-on high   # a pull request's changes",
      "  chorus review 'src/**/*.py' --fail-on high --model anthropic:claude-sonnet-4-5",
      "  chorus review examples/review/src --sim-config examples/review/reviewers.sim.yaml   # offline"
    })
public final class ReviewCommand extends ChorusSubcommand {

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description =
          "Files, folders or globs to review (.gitignore is respected); with --diff, default: the changed files.")
  List<String> paths;

  @Option(
      names = "--diff",
      paramLabel = "BASE..HEAD",
      description =
          "Review only the chunks holding lines changed in this git range (git diff --unified=0 BASE..HEAD in the"
              + " current directory; BASE alone: the work tree against BASE, as a pre-commit hook wants); the report names the range.")
  String diff;

  @Option(
      names = "--threshold",
      paramLabel = "N",
      defaultValue = "2",
      description = "Reviewers needed to confirm a finding (default ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = "--reviewers",
      split = ",",
      paramLabel = "AGENT,...",
      description = "The reviewer agents (default: the five security specialists).")
  List<String> reviewers;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "PROVIDER:MODEL",
      description = "One model for every reviewer (default: each agent's own).")
  String model;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      defaultValue = "ignore",
      description =
          "Failure policy for the reviewers: ignore (default), fail-fast, retry[:N], require-all, quorum:K.")
  String policy;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "Exit 1 when a confirmed finding is at least this severe: critical, high, medium, low or info.")
  String failOn;

  @Option(
      names = "--context",
      paramLabel = "TEXT",
      description = "What the code does, told to every reviewer.")
  String context;

  @Option(
      names = "--chunk-lines",
      paramLabel = "N",
      defaultValue = "400",
      description = "Most lines per review call (default ${DEFAULT-VALUE}).")
  int chunkLines;

  @Option(
      names = "--sarif",
      paramLabel = "FILE",
      description = "Write SARIF 2.1.0 (for GitHub code scanning) to FILE.")
  Path sarif;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the Markdown report to FILE (default: stdout).")
  Path out;

  @Mixin RunMixin run;

  @Override
  protected boolean writesJsonFile() {
    return true;
  }

  @Override
  protected int execute() throws Exception {
    Severity failSeverity;
    FailurePolicy failurePolicy;
    SourceSet sources;
    try {
      failSeverity = failOn == null ? null : Severity.parse(failOn);
      failurePolicy = FailurePolicy.parse(policy);
      io.chorus.review.ChangedLines changes =
          diff == null ? null : io.chorus.review.ChangedLines.fromGit(ctx().cwd(), diff);
      List<String> inputs = paths == null ? List.of() : paths;
      if (changes != null && inputs.isEmpty()) {
        inputs =
            changes.files().stream()
                .filter(f -> java.nio.file.Files.isRegularFile(ctx().cwd().resolve(f)))
                .toList();
        if (inputs.isEmpty()) {
          out().println("No changed lines to review in " + changes.range() + ".");
          return ExitCodes.OK;
        }
      }
      if (inputs.isEmpty()) {
        throw new CliException(
            ExitCodes.USAGE, "review: name the files, folders or globs to review, or give --diff");
      }
      sources = SourceSet.read(ctx().cwd(), inputs, ownOutputs());
      if (changes != null) {
        sources = sources.onlyChanged(changes);
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
    }
    AgentRegistry registry =
        AgentRegistry.standard(
            ctx().cwd().resolve("agents"), ctx().home().resolve(".chorus/agents"));
    ModelId override = model == null ? null : AskCommand.parseModel(model);
    List<Reviewer> chosen = new ArrayList<>();
    for (String name : reviewers == null ? AgentLibrary.SECURITY_REVIEWERS : reviewers) {
      AgentDefinition agent =
          registry
              .find(name.strip())
              .orElseThrow(
                  () ->
                      new CliException(
                          ExitCodes.USAGE,
                          "no reviewer agent named '"
                              + name.strip()
                              + "' (see 'chorus agents list')"));
      chosen.add(SecurityReview.fromAgent(agent, override));
    }
    List<ModelId> models =
        new ArrayList<>(new LinkedHashSet<>(chosen.stream().map(Reviewer::model).toList()));
    Observation obs = new Observation(this, run, "review", false);
    ReviewResult result;
    try (ConfiguredEngine session =
        ConfiguredEngine.open(
            config(),
            models,
            obs.listeners(),
            run.route(this, engineTime(), io.chorus.providers.BatchLedger.inMemory(), 10_000),
            run.simConfig(this))) {
      if (session.notice() != null) {
        notice(session.notice());
      }
      SecurityReview review;
      try {
        review =
            SecurityReview.builder()
                .sources(sources)
                .reviewers(chosen)
                .threshold(threshold)
                .policy(failurePolicy)
                .chunkLines(chunkLines)
                .context(context == null ? "" : context)
                .build();
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
      }
      obs.start();
      result = review.run(interruptible(session.engine()));
      obs.finish(result);
    }
    String md = ReviewReport.toMarkdown(result);
    if (sources.changes() != null) {
      // after the report's first block (its title, or the DEGRADED notice that must stay on top)
      int cut = md.indexOf("\n\n");
      String range =
          "Reviewed: the changed lines of "
              + sources.changes().range()
              + " ("
              + sources.files().size()
              + " file(s), "
              + sources.chunks(chunkLines).size()
              + " chunk(s) holding changed lines)\n\n";
      md = cut < 0 ? md + "\n\n" + range : md.substring(0, cut + 2) + range + md.substring(cut + 2);
    }
    md = markInterrupted(md);
    String json = markInterrupted(ReviewReport.toJson(result));
    if (sarif != null) {
      writeOutput(sarif, ReviewReport.toSarif(result, VersionProvider.version()));
    }
    if (out != null) {
      writeOutput(out, md);
    }
    if (global.jsonFile != null) {
      writeOutput(global.jsonFile, json);
    }
    if (global.json && global.jsonFile == null) {
      out().println(json);
    } else if (out == null) {
      out().println(md.stripTrailing());
    } else if (!global.quiet) {
      out()
          .println(
              (result.degraded() ? "DEGRADED: " : "")
                  + "Overall risk "
                  + result.overallRisk()
                  + "; "
                  + result.confirmed().size()
                  + " confirmed, "
                  + result.potential().size()
                  + " potential; "
                  + result.failedReviewers().size()
                  + " of "
                  + result.reviewers().size()
                  + " reviewer(s) failed"
                  + (sources.changes() == null
                      ? ""
                      : "; changed lines of " + sources.changes().range()));
    }
    out().flush();
    if (result.degraded() && (out != null || global.json)) {
      // the Markdown on stdout starts with it; otherwise the terminal must still say so
      err().println("chorus: " + result.degradedNotice());
      err().flush();
    }
    return exitCode(result, failSeverity);
  }

  /**
   * 1 when the review failed under its policy or a confirmed finding reaches {@code --fail-on}; for
   * a degraded review (fewer than --threshold reviewers answered, or any failed under --fail-on) 4
   * when every reviewer failed because the provider was unavailable, else 5; otherwise 0.
   */
  static int exitCode(ReviewResult result, Severity failSeverity) {
    if (result.runFailure() != null) {
      return ExitCodes.RUN_FAILED;
    }
    if (failSeverity != null && result.hasConfirmedAtLeast(failSeverity)) {
      return ExitCodes.RUN_FAILED;
    }
    if (result.degraded() && (result.belowThreshold() || failSeverity != null)) {
      boolean allUnavailable =
          result.answered() == 0
              && result.failedReviewers().stream()
                  .allMatch(r -> Main.unavailableKind(r.failureKind()));
      return allUnavailable ? ExitCodes.PROVIDER_UNAVAILABLE : ExitCodes.DEGRADED;
    }
    return ExitCodes.OK;
  }

  /** The files this run writes: a folder review must not review them. */
  private List<Path> ownOutputs() {
    List<Path> own = new ArrayList<>();
    for (Path p : new Path[] {out, sarif, global.jsonFile, run.report}) {
      if (p != null) {
        own.add(p);
      }
    }
    return own;
  }
}
