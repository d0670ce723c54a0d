package io.chorus.advisor.internal;

import io.chorus.advisor.BenchHarness;
import io.chorus.advisor.BenchReport;
import io.chorus.advisor.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the built-in kernels (I/O and mixed against the in-process simulator) until the CLI wires
 * {@code chorus bench}. Arguments are key=value: {@code cpuN, cpuTasks, ioTasks, ioLatencyMs,
 * mixedN, mixedTasks, smallN, warmups, runs, out} ({@code out} is a directory receiving latest.json
 * and latest.html; default .chorus/bench). A kernel whose tasks is 0 is skipped; {@code smallN > 0}
 * adds a small CPU run (processes' start-up cost).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) throw new IllegalArgumentException("expected key=value, got " + arg);
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int cpuTasks = Integer.parseInt(a.getOrDefault("cpuTasks", "8"));
    int ioTasks = Integer.parseInt(a.getOrDefault("ioTasks", "200"));
    int mixedTasks = Integer.parseInt(a.getOrDefault("mixedTasks", "100"));
    long smallN = Long.parseLong(a.getOrDefault("smallN", "0"));
    Duration latency = Duration.ofMillis(Long.parseLong(a.getOrDefault("ioLatencyMs", "20")));
    BenchHarness.Builder b =
        BenchHarness.builder()
            .warmups(Integer.parseInt(a.getOrDefault("warmups", "1")))
            .runs(Integer.parseInt(a.getOrDefault("runs", "3")))
            .command(
                "java -cp <classpath> " + BenchMain.class.getName() + " " + String.join(" ", args))
            .progress(s -> System.err.println("[bench] " + s));
    if (cpuTasks > 0)
      b.workload(Kernels.cpu(Long.parseLong(a.getOrDefault("cpuN", "50000000")), cpuTasks));
    if (smallN > 0) b.workload(Kernels.cpu(smallN, cpuTasks > 0 ? cpuTasks : 8));
    if (ioTasks > 0) b.workload(Kernels.io(latency, ioTasks));
    if (mixedTasks > 0)
      b.workload(
          Kernels.mixed(latency, Long.parseLong(a.getOrDefault("mixedN", "5000000")), mixedTasks));
    BenchReport report = b.run();
    Path out = Path.of(a.getOrDefault("out", ".chorus/bench"));
    report.save(out.resolve("latest.json"));
    Files.writeString(out.resolve("latest.html"), report.toHtml());
    System.out.println(report.toTable());
    System.out.println(
        "saved " + out.resolve("latest.json") + " and " + out.resolve("latest.html"));
  }
}
