package io.chorus.cli;

import io.chorus.advisor.BenchHarness;
import io.chorus.advisor.BenchReport;
import io.chorus.advisor.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chorus bench}: measure concurrency approaches on built-in kernels; figures feed 'chorus
 * advise'.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark concurrency approaches on built-in kernels.",
      "Benchmark concurrency approaches (virtual threads, platform pools, processes...) on built-in CPU, I/O (against the",
      "in-process simulator) and mixed kernels. Saves latest.json and latest.html under --out (default .chorus/bench),",
      "which 'chorus advise' reads. A kernel with 0 tasks is skipped."
    },
    footer = {
      "",
      "Examples:",
      "  chorus bench",
      "  chorus bench --cpu-tasks 0 --io-tasks 1000 --io-latency-ms 50 --runs 5",
      "  chorus bench --out bench/ --json"
    })
public final class BenchCommand extends ChorusSubcommand {

  @Option(
      names = "--cpu-tasks",
      defaultValue = "8",
      paramLabel = "N",
      description = "CPU kernel tasks (default ${DEFAULT-VALUE}).")
  int cpuTasks;

  @Option(
      names = "--cpu-n",
      defaultValue = "50000000",
      paramLabel = "N",
      description = "CPU kernel size per task (default ${DEFAULT-VALUE}).")
  long cpuN;

  @Option(
      names = "--io-tasks",
      defaultValue = "200",
      paramLabel = "N",
      description = "I/O kernel tasks (default ${DEFAULT-VALUE}).")
  int ioTasks;

  @Option(
      names = "--io-latency-ms",
      defaultValue = "20",
      paramLabel = "MS",
      description = "Latency of each I/O call (default ${DEFAULT-VALUE}).")
  long ioLatencyMs;

  @Option(
      names = "--mixed-tasks",
      defaultValue = "100",
      paramLabel = "N",
      description = "Mixed kernel tasks (default ${DEFAULT-VALUE}).")
  int mixedTasks;

  @Option(
      names = "--mixed-n",
      defaultValue = "5000000",
      paramLabel = "N",
      description = "CPU part of each mixed task (default ${DEFAULT-VALUE}).")
  long mixedN;

  @Option(
      names = "--warmups",
      defaultValue = "1",
      paramLabel = "N",
      description = "Warm-up runs (default ${DEFAULT-VALUE}).")
  int warmups;

  @Option(
      names = "--runs",
      defaultValue = "3",
      paramLabel = "N",
      description = "Measured runs (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where latest.json and latest.html go (default .chorus/bench).")
  Path out;

  @Override
  protected int execute() throws Exception {
    if (cpuTasks < 0 || ioTasks < 0 || mixedTasks < 0 || runs < 1 || warmups < 0) {
      throw new CliException(
          ExitCodes.USAGE, "task counts must not be negative and --runs must be at least 1");
    }
    if (cpuTasks == 0 && ioTasks == 0 && mixedTasks == 0) {
      throw new CliException(ExitCodes.USAGE, "every kernel has 0 tasks: nothing to measure");
    }
    Duration latency = Duration.ofMillis(ioLatencyMs);
    BenchHarness.Builder b =
        BenchHarness.builder()
            .warmups(warmups)
            .runs(runs)
            .command(
                "chorus " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
            .progress(s -> notice("[bench] " + s));
    if (cpuTasks > 0) {
      b.workload(Kernels.cpu(cpuN, cpuTasks));
    }
    if (ioTasks > 0) {
      b.workload(Kernels.io(latency, ioTasks));
    }
    if (mixedTasks > 0) {
      b.workload(Kernels.mixed(latency, mixedN, mixedTasks));
    }
    BenchReport report = b.run();
    Path dir =
        out != null ? resolve(out) : ctx().cwd().resolve(BenchReport.DEFAULT_FILE).getParent();
    Files.createDirectories(dir);
    report.save(dir.resolve("latest.json"));
    Files.writeString(dir.resolve("latest.html"), report.toHtml());
    out().println(global.json ? report.toJson() : report.toTable());
    notice("saved " + dir.resolve("latest.json") + " and " + dir.resolve("latest.html"));
    return ExitCodes.OK;
  }
}
