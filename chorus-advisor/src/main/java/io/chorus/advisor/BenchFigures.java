package io.chorus.advisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The measured figures the advisor quotes: a {@link BenchReport} and where it came from. The
 * advisor never invents a speedup or a memory figure; without a report every {@link Expectation}
 * says what to run instead. Immutable and thread-safe.
 */
public final class BenchFigures {
  private final BenchReport report;
  private final String origin;

  private BenchFigures(BenchReport report, String origin) {
    this.report = report;
    this.origin = Objects.requireNonNull(origin);
  }

  /**
   * Figures from {@code report}; {@code origin} says where it came from (a file, a calibration
   * run).
   */
  public static BenchFigures of(BenchReport report, String origin) {
    return new BenchFigures(Objects.requireNonNull(report), origin);
  }

  /** No figures; {@code why} is quoted in every expectation. */
  public static BenchFigures none(String why) {
    return new BenchFigures(null, why);
  }

  /** Reads a results file written by {@link BenchReport#save}. */
  public static BenchFigures load(Path file) throws IOException {
    return of(BenchReport.load(file), file.toString());
  }

  /**
   * The latest results at {@code file} if it exists, otherwise {@link #none} saying to run {@code
   * chorus bench}. A file that exists but cannot be read is an error (the message names it).
   */
  public static BenchFigures latestOrNone(Path file) throws IOException {
    if (!Files.isRegularFile(file))
      return none(
          "no benchmark results at "
              + file
              + "; run `chorus bench` (or `chorus advise --calibrate`) to measure this machine");
    return load(file);
  }

  /**
   * A short calibration run: small CPU, I/O and mixed kernels, 1 warm-up and 2 runs per approach.
   * Child JVMs are measured on the CPU kernel only (their start-up dominates a short run); run
   * {@code chorus bench} for processes figures on I/O and mixed work.
   */
  public static BenchFigures calibrate(Consumer<String> progress) {
    BenchReport cpu =
        BenchHarness.builder()
            .workload(Kernels.cpu(2_000_000, 8))
            .warmups(1)
            .runs(2)
            .progress(progress)
            .run();
    BenchReport io =
        BenchHarness.builder()
            .workload(Kernels.io(Duration.ofMillis(5), 40))
            .workload(Kernels.mixed(Duration.ofMillis(5), 500_000, 20))
            .approaches(
                Approach.VIRTUAL_THREADS,
                Approach.BOUNDED_PLATFORM_POOL,
                Approach.FORK_JOIN,
                Approach.HYBRID)
            .warmups(1)
            .runs(2)
            .progress(progress)
            .run();
    List<WorkloadResult> all = new ArrayList<>(cpu.workloads());
    all.addAll(io.workloads());
    BenchReport r =
        new BenchReport(
            io.createdAt(),
            io.cpuCores(),
            io.javaVersion(),
            io.os(),
            io.warmups(),
            io.runs(),
            "calibration run",
            all,
            concat(cpu.notes(), io.notes()));
    return of(r, "a calibration run just now");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The report, when there is one. */
  public Optional<BenchReport> report() {
    return Optional.ofNullable(report);
  }

  /** Where the figures came from, or why there are none. */
  public String origin() {
    return origin;
  }

  /**
   * What to expect from {@code approach} for a workload of {@code type}, from the largest measured
   * workload of that type.
   */
  public Expectation expect(WorkloadType type, Approach approach) {
    if (report == null) return Expectation.unmeasured(origin);
    return expect(report.workload(type), type, approach);
  }

  /**
   * The same figure from the smallest measured workload of {@code type}, when the report has more
   * than one of that type (the "small work" case).
   */
  public Optional<Expectation> expectOnSmallWork(WorkloadType type, Approach approach) {
    if (report == null || report.workloads(type).size() < 2) return Optional.empty();
    Expectation e = expect(report.smallestWorkload(type), type, approach);
    return e.measured() ? Optional.of(e) : Optional.empty();
  }

  private Expectation expect(Optional<WorkloadResult> w, WorkloadType type, Approach approach) {
    if (w.isEmpty())
      return Expectation.unmeasured(
          "no "
              + type.label()
              + " workload in "
              + origin
              + "; run `chorus bench` with that kernel");
    Optional<ApproachResult> r = w.get().result(approach);
    Optional<ApproachResult> base = w.get().result(Approach.SEQUENTIAL);
    if (r.isEmpty() || !r.get().ok() || r.get().speedup() == null)
      return Expectation.unmeasured(
          approach.id()
              + " was not measured for "
              + w.get().name()
              + " in "
              + origin
              + r.map(x -> x.error() == null ? "" : " (it failed: " + x.error() + ")").orElse(""));
    Double overhead = null;
    if (base.isPresent() && base.get().ok()) {
      if (r.get().peakRssMb() != null && base.get().peakRssMb() != null)
        overhead = r.get().peakRssMb() - base.get().peakRssMb();
      else if (r.get().peakHeapMb() != null && base.get().peakHeapMb() != null)
        overhead = r.get().peakHeapMb() - base.get().peakHeapMb();
    }
    String source =
        String.format(
            Locale.ROOT,
            "measured by chorus bench at %s on %d cores (%s): %s kernel, %s; median of %d runs",
            report.createdAt(),
            report.cpuCores(),
            origin,
            w.get().name(),
            w.get().description(),
            report.runs());
    return new Expectation(r.get().speedup(), Reading.of(r.get().speedup()), overhead, source);
  }

  /**
   * The measured resident memory of one child JVM (the processes approach's peak RSS above the
   * sequential baseline, divided by its JVMs), from the last workload that measured it.
   */
  public OptionalDouble childJvmMb() {
    if (report == null) return OptionalDouble.empty();
    OptionalDouble found = OptionalDouble.empty();
    for (WorkloadResult w : report.workloads()) {
      Optional<ApproachResult> p = w.result(Approach.PROCESSES);
      Optional<ApproachResult> s = w.result(Approach.SEQUENTIAL);
      if (p.isPresent()
          && s.isPresent()
          && p.get().ok()
          && s.get().ok()
          && p.get().peakRssMb() != null
          && s.get().peakRssMb() != null
          && p.get().workers() > 0) {
        found =
            OptionalDouble.of(
                Math.max(0, p.get().peakRssMb() - s.get().peakRssMb()) / p.get().workers());
      }
    }
    return found;
  }
}
