package io.chorus.cli;

import io.chorus.advisor.Advisor;
import io.chorus.advisor.BenchFigures;
import io.chorus.advisor.BenchReport;
import io.chorus.advisor.ProfileException;
import io.chorus.advisor.Questionnaire;
import io.chorus.advisor.Recommendation;
import io.chorus.advisor.WorkloadProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chorus advise}: which concurrency approach fits a workload, from rules and measured
 * figures.
 */
@Command(
    name = "advise",
    mixinStandardHelpOptions = true,
    description = {
      "Recommend a concurrency approach for a workload profile.",
      "Recommend a concurrency approach (virtual threads, a platform thread pool, processes...) for a workload profile,",
      "with the rules that fired and the figures measured by 'chorus bench' on this machine (.chorus/bench/latest.json)."
    },
    footer = {
      "",
      "Examples:",
      "  chorus advise --workload-type io-bound --concurrency 200 --rate-limited-api",
      "  chorus advise --workload-type cpu-bound --concurrency 8 --memory-budget-mb 512 --json",
      "  chorus advise --input profile.json --figures .chorus/bench/latest.json",
      "  chorus advise --interactive"
    })
public final class AdviseCommand extends ChorusSubcommand {

  @Option(
      names = "--workload-type",
      paramLabel = "TYPE",
      description = "What the work spends its time on: io-bound, cpu-bound, mixed...")
  String workloadType;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "How many tasks could run at once.")
  Integer concurrency;

  @Option(
      names = "--latency-ms",
      paramLabel = "MS",
      description = "Latency requirement per task (0 = none).")
  Long latencyMs;

  @Option(
      names = "--memory-budget-mb",
      paramLabel = "MB",
      description = "Memory available (0 = no budget).")
  Long memoryBudgetMb;

  @Option(
      names = "--cpu-cores",
      paramLabel = "N",
      description = "CPU cores available (default: this machine's).")
  Integer cpuCores;

  @Option(names = "--expensive-startup", description = "Each worker has an expensive start-up.")
  boolean expensiveStartup;

  @Option(names = "--shared-state", description = "Tasks share mutable in-memory state.")
  boolean sharedState;

  @Option(
      names = "--isolation",
      description = "Tasks need isolation (crash, memory or native-code containment).")
  boolean isolation;

  @Option(
      names = "--blocking-libraries",
      description = "The code calls libraries that pin virtual threads (JNI, native drivers).")
  boolean blockingLibraries;

  @Option(
      names = "--rate-limited-api",
      description = "The I/O goes to a remote API with a rate limit or quota.")
  boolean rateLimitedApi;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "The profile as a JSON file instead of flags.")
  Path input;

  @Option(names = "--interactive", description = "Ask the questions one by one.")
  boolean interactive;

  @Option(
      names = "--figures",
      paramLabel = "FILE",
      description = "Measured figures from 'chorus bench' (default .chorus/bench/latest.json).")
  Path figures;

  @Option(
      names = "--calibrate",
      description = "Measure figures now (takes a minute) instead of reading them.")
  boolean calibrate;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the recommendation to FILE.")
  Path out;

  @Override
  protected int execute() throws Exception {
    WorkloadProfile profile;
    try {
      if (interactive) {
        profile = Questionnaire.onStandardStreams().ask();
      } else if (input != null) {
        profile = WorkloadProfile.fromJson(Files.readString(inputFile(input, "profile file")));
      } else {
        List<String> a = new ArrayList<>();
        add(a, "--workload-type", workloadType);
        add(a, "--concurrency", concurrency);
        add(a, "--latency-ms", latencyMs);
        add(a, "--memory-budget-mb", memoryBudgetMb);
        add(a, "--cpu-cores", cpuCores);
        flag(a, "--expensive-startup", expensiveStartup);
        flag(a, "--shared-state", sharedState);
        flag(a, "--isolation", isolation);
        flag(a, "--blocking-libraries", blockingLibraries);
        flag(a, "--rate-limited-api", rateLimitedApi);
        if (workloadType == null) {
          throw new CliException(
              ExitCodes.USAGE,
              "describe the workload: --workload-type and --concurrency at least"
                  + " (or --input profile.json, or --interactive)");
        }
        profile = WorkloadProfile.fromArgs(a.toArray(String[]::new));
      }
    } catch (ProfileException e) {
      throw new CliException(ExitCodes.USAGE, "profile: " + e.getMessage(), e);
    }
    BenchFigures f =
        calibrate
            ? BenchFigures.calibrate(s -> notice("[calibrate] " + s))
            : BenchFigures.latestOrNone(
                figures != null ? resolve(figures) : ctx().cwd().resolve(BenchReport.DEFAULT_FILE));
    Recommendation r = new Advisor().advise(profile, f);
    String text = global.json ? r.toJson() : r.toMarkdown();
    if (out != null) {
      Files.writeString(resolve(out), text);
      notice("written to " + out);
    } else {
      out().println(text.stripTrailing());
    }
    return ExitCodes.OK;
  }

  private static void add(List<String> a, String flag, Object v) {
    if (v != null) {
      a.add(flag + "=" + v);
    }
  }

  private static void flag(List<String> a, String flag, boolean v) {
    if (v) {
      a.add(flag);
    }
  }
}
