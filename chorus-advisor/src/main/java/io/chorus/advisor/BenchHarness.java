package io.chorus.advisor;

import io.chorus.advisor.internal.ApproachRunner;
import io.chorus.advisor.internal.HarnessSettings;
import io.chorus.advisor.internal.RunSample;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The benchmark method for the JVM: runs each workload under each {@link Approach} with warm-up and
 * repeated runs, and measures wall time (min/median/max), CPU time (process CPU plus children's),
 * peak heap and peak RSS (sampled; children's VmHWM summed), and the speedup against the sequential
 * baseline with the {@link Reading}.
 *
 * {@snippet :
 * BenchReport report = BenchHarness.builder()
 *     .workload(Kernels.cpu(50_000_000, 8))
 *     .workload(Kernels.io(Duration.ofMillis(20), 200))
 *     .warmups(1).runs(3)
 *     .build().run();
 * report.save(BenchReport.DEFAULT_FILE);
 * }
 *
 * <p>Runs are strictly one after another (measuring two at once would spoil both): first the
 * warm-ups of every approach, then the measured runs round-robin over the approaches, so noise from
 * other processes spreads evenly. A harness is not meant to be shared between threads. {@link
 * #run()} closes the workloads when done. An approach that fails is reported with its error rather
 * than aborting the whole benchmark.
 */
public final class BenchHarness {
  private final List<Workload> workloads;
  private final Set<Approach> approaches;
  private final int warmups;
  private final int runs;
  private final HarnessSettings settings;
  private final Consumer<String> progress;
  private final String command;

  private BenchHarness(Builder b) {
    this.workloads = List.copyOf(b.workloads);
    this.approaches = EnumSet.copyOf(b.approaches);
    this.warmups = b.warmups;
    this.runs = b.runs;
    this.progress = b.progress;
    this.command = b.command;
    this.settings =
        new HarnessSettings(
            b.poolSize,
            b.processes,
            b.maxConcurrency,
            b.javaCommand == null ? defaultJava() : b.javaCommand,
            b.sampleEvery);
  }

  /**
   * A new builder: all approaches, 1 warm-up, 3 runs, pool and processes = available processors.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The java binary and classpath of this JVM, so children run the same code. */
  static List<String> defaultJava() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    return List.of(java, "-cp", System.getProperty("java.class.path"));
  }

  /** Runs everything and returns the report; closes the workloads. */
  public BenchReport run() {
    List<WorkloadResult> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String loadBefore = loadAverage();
    ApproachRunner runner = new ApproachRunner(settings);
    try {
      for (Workload w : workloads) results.add(measure(w, runner));
    } finally {
      for (Workload w : workloads) w.close();
    }
    return new BenchReport(
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version().toString(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        warmups,
        runs,
        command,
        results,
        notes(results, loadBefore, loadAverage()));
  }

  /** The 1-minute load average from /proc/loadavg, or null where there is none. */
  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
          .trim()
          .split("\\s+")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  static List<String> notes(List<WorkloadResult> results, String loadBefore, String loadAfter) {
    List<String> notes = new ArrayList<>();
    int cores = Runtime.getRuntime().availableProcessors();
    if (loadBefore != null && loadAfter != null) {
      notes.add(
          "1-minute load average "
              + loadBefore
              + " before and "
              + loadAfter
              + " after the run, on "
              + cores
              + " cores.");
      try {
        if (Math.max(Double.parseDouble(loadBefore), Double.parseDouble(loadAfter)) > cores)
          notes.add(BenchReport.BUSY_NOTE);
      } catch (NumberFormatException ignored) {
        // not a number: keep just the raw note
      }
    }
    for (WorkloadResult w : results) {
      if (w.type() == WorkloadType.IO_BOUND) continue;
      w.result(Approach.SEQUENTIAL)
          .filter(ApproachResult::ok)
          .ifPresent(
              s -> {
                double share = s.medianCpuMs() / s.medianWallMs();
                if (s.medianCpuMs() > 0
                    && s.medianWallMs() >= 50
                    && share < 0.8
                    && w.type() == WorkloadType.CPU_BOUND)
                  notes.add(
                      String.format(
                          java.util.Locale.ROOT,
                          "%s: the sequential baseline got only %.0f%% of a core (CPU %.0f ms in %.0f ms wall): its wall time is inflated by contention.",
                          w.name(),
                          share * 100,
                          s.medianCpuMs(),
                          s.medianWallMs()));
              });
    }
    return notes;
  }

  private WorkloadResult measure(Workload w, ApproachRunner runner) {
    Map<Approach, String> errors = new EnumMap<>(Approach.class);
    Map<Approach, List<RunSample>> samples = new EnumMap<>(Approach.class);
    for (Approach a : approaches) {
      samples.put(a, new ArrayList<>());
      try {
        // Child JVMs start cold every time, so warming up the processes approach would measure
        // nothing.
        int n = a == Approach.PROCESSES ? 0 : warmups;
        for (int i = 0; i < n; i++) runner.run(w, a);
      } catch (Exception | OutOfMemoryError e) {
        errors.put(a, String.valueOf(e));
      }
    }
    // Measured runs are interleaved (round-robin over the approaches) so that load from other
    // processes on a shared machine spreads over all approaches instead of hitting whichever ran
    // during the spike.
    for (int i = 0; i < runs; i++) {
      for (Approach a : approaches) {
        if (errors.containsKey(a)) continue;
        progress.accept(
            w.name()
                + " / "
                + label(a, runner.workers(a, w.tasks()))
                + " run "
                + (i + 1)
                + "/"
                + runs);
        try {
          System.gc(); // start each measured run from a collected heap so peaks compare
          samples.get(a).add(runner.run(w, a));
        } catch (Exception | OutOfMemoryError e) {
          errors.put(a, String.valueOf(e));
        }
      }
    }
    List<ApproachResult> out = new ArrayList<>();
    Double baseline = null;
    for (Approach a : approaches) { // EnumSet order: SEQUENTIAL first
      String label = label(a, runner.workers(a, w.tasks()));
      ApproachResult r =
          errors.containsKey(a)
              ? new ApproachResult(
                  a,
                  label,
                  runner.workers(a, w.tasks()),
                  0,
                  0,
                  0,
                  0,
                  null,
                  null,
                  null,
                  null,
                  errors.get(a))
              : summarize(a, label, runner.workers(a, w.tasks()), samples.get(a), baseline);
      if (a == Approach.SEQUENTIAL && r.ok()) baseline = r.medianWallMs();
      progress.accept(
          w.name()
              + " / "
              + label
              + (r.ok()
                  ? String.format(": median %.1f ms", r.medianWallMs())
                  : ": failed: " + r.error()));
      out.add(r);
    }
    return new WorkloadResult(w.name(), w.type(), w.description(), w.tasks(), out);
  }

  private static String label(Approach a, int workers) {
    return switch (a) {
      case SEQUENTIAL -> a.id();
      case VIRTUAL_THREADS ->
          workers == 0
              ? "virtual-threads (1 per task)"
              : "virtual-threads (semaphore " + workers + ")";
      case BOUNDED_PLATFORM_POOL -> "platform-pool (" + workers + " threads)";
      case FORK_JOIN -> "fork-join (parallel stream, " + workers + " threads)";
      case PROCESSES -> "processes (" + workers + " JVMs)";
      case HYBRID -> "hybrid (VT I/O + " + workers + " CPU threads)";
    };
  }

  private static ApproachResult summarize(
      Approach a, String label, int workers, List<RunSample> runs, Double baseline) {
    int n = runs.size();
    double[] wall = new double[n];
    double[] cpu = new double[n];
    long peakHeap = 0;
    long peakRss = -1;
    for (int i = 0; i < n; i++) {
      RunSample s = runs.get(i);
      wall[i] = s.wallNanos() / 1e6;
      cpu[i] = s.cpuNanos() / 1e6;
      peakHeap = Math.max(peakHeap, s.peakHeapBytes());
      peakRss = Math.max(peakRss, s.peakRssKb());
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    double median = median(wall);
    Double speedup = baseline == null ? (a == Approach.SEQUENTIAL ? 1.0 : null) : baseline / median;
    return new ApproachResult(
        a,
        label,
        workers,
        wall[0],
        median,
        wall[n - 1],
        median(cpu),
        peakHeap / (1024.0 * 1024.0),
        peakRss < 0 ? null : peakRss / 1024.0,
        speedup,
        speedup == null || a == Approach.SEQUENTIAL ? null : Reading.of(speedup),
        null);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Configures a {@link BenchHarness}. Not thread-safe. */
  public static final class Builder {
    private final List<Workload> workloads = new ArrayList<>();
    private Set<Approach> approaches = EnumSet.allOf(Approach.class);
    private int warmups = 1;
    private int runs = 3;
    private int poolSize = Runtime.getRuntime().availableProcessors();
    private int processes = Runtime.getRuntime().availableProcessors();
    private int maxConcurrency = 0;
    private List<String> javaCommand;
    private Duration sampleEvery = Duration.ofMillis(10);
    private Consumer<String> progress = s -> {};
    private String command;

    private Builder() {}

    /** Adds a workload to measure (in order). */
    public Builder workload(Workload w) {
      workloads.add(Objects.requireNonNull(w, "workload"));
      return this;
    }

    /** Which approaches to measure; sequential is always added (it is the baseline). */
    public Builder approaches(Approach... list) {
      Set<Approach> s = EnumSet.of(Approach.SEQUENTIAL);
      s.addAll(Arrays.asList(list));
      approaches = s;
      return this;
    }

    /** Unmeasured runs per approach before measuring (JIT warm-up); default 1. */
    public Builder warmups(int n) {
      if (n < 0) throw new IllegalArgumentException("warmups must be 0 or more, got " + n);
      warmups = n;
      return this;
    }

    /** Measured runs per approach; default 3. */
    public Builder runs(int n) {
      if (n < 1) throw new IllegalArgumentException("runs must be at least 1, got " + n);
      runs = n;
      return this;
    }

    /** Threads of the bounded platform pool and of the hybrid's CPU pool; default = processors. */
    public Builder poolSize(int n) {
      if (n < 1) throw new IllegalArgumentException("poolSize must be at least 1, got " + n);
      poolSize = n;
      return this;
    }

    /** Child JVMs of the processes approach; default = processors. */
    public Builder processes(int n) {
      if (n < 1) throw new IllegalArgumentException("processes must be at least 1, got " + n);
      processes = n;
      return this;
    }

    /** Semaphore permits for virtual threads and the hybrid's I/O; 0 (default) = unbounded. */
    public Builder maxConcurrency(int n) {
      if (n < 0) throw new IllegalArgumentException("maxConcurrency must be 0 or more, got " + n);
      maxConcurrency = n;
      return this;
    }

    /**
     * How to start a child JVM up to (not including) the main class; default: this JVM's java and
     * classpath.
     */
    public Builder javaCommand(List<String> cmd) {
      javaCommand = List.copyOf(cmd);
      return this;
    }

    /** Memory sampling period; default 10 ms. */
    public Builder sampleEvery(Duration d) {
      sampleEvery = Objects.requireNonNull(d);
      return this;
    }

    /** Receives one line per approach started and finished. */
    public Builder progress(Consumer<String> sink) {
      progress = Objects.requireNonNull(sink);
      return this;
    }

    /** Records how the benchmark was started, for the report. */
    public Builder command(String cmd) {
      command = cmd;
      return this;
    }

    /** Builds the harness; needs at least one workload. */
    public BenchHarness build() {
      if (workloads.isEmpty()) throw new IllegalStateException("add at least one workload");
      return new BenchHarness(this);
    }

    /** Shorthand for {@code build().run()}. */
    public BenchReport run() {
      return build().run();
    }
  }
}
