package io.chorus.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on tiny workloads: correctness of what is measured and written, never timing. */
class BenchHarnessTest {

  private static void assertSane(WorkloadResult w, int approaches) {
    assertThat(w.results()).hasSize(approaches);
    assertThat(w.results().get(0).approach()).isEqualTo(Approach.SEQUENTIAL);
    for (ApproachResult r : w.results()) {
      assertThat(r.error()).as(r.label()).isNull();
      assertThat(r.minWallMs()).isPositive().isLessThanOrEqualTo(r.medianWallMs());
      assertThat(r.medianWallMs()).isLessThanOrEqualTo(r.maxWallMs());
      assertThat(r.speedup()).isNotNull().isPositive();
      assertThat(r.peakHeapMb()).isPositive();
    }
  }

  @Test
  void tinyCpuKernelUnderEveryApproachIncludingChildJvms() {
    List<String> progress = new ArrayList<>();
    BenchReport report =
        BenchHarness.builder()
            .workload(Kernels.cpu(20_000, 4))
            .warmups(0)
            .runs(1)
            .progress(progress::add)
            .run();
    WorkloadResult w = report.workloads().get(0);
    assertSane(w, Approach.values().length);
    assertThat(w.type()).isEqualTo(WorkloadType.CPU_BOUND);
    assertThat(w.result(Approach.SEQUENTIAL).orElseThrow().reading())
        .isNull(); // the baseline is not "read"
    ApproachResult processes = w.result(Approach.PROCESSES).orElseThrow();
    assertThat(processes.workers())
        .isEqualTo(Math.min(4, Runtime.getRuntime().availableProcessors()));
    if (processes.peakRssMb() != null) {
      // Children's VmHWM is added: a child JVM is never free.
      assertThat(processes.peakRssMb())
          .isGreaterThan(w.result(Approach.SEQUENTIAL).orElseThrow().peakRssMb());
    }
    assertThat(processes.medianCpuMs()).isPositive();
    assertThat(progress).anyMatch(s -> s.contains("processes"));
  }

  @Test
  void ioAndMixedKernelsCallTheSimulator() {
    BenchReport report =
        BenchHarness.builder()
            .workload(Kernels.io(Duration.ofMillis(2), 6))
            .workload(Kernels.mixed(Duration.ofMillis(2), 10_000, 4))
            .approaches(Approach.VIRTUAL_THREADS, Approach.HYBRID, Approach.FORK_JOIN)
            .maxConcurrency(3)
            .warmups(0)
            .runs(2)
            .run();
    assertThat(report.workloads())
        .extracting(WorkloadResult::type)
        .containsExactly(WorkloadType.IO_BOUND, WorkloadType.MIXED);
    for (WorkloadResult w : report.workloads()) assertSane(w, 4);
    assertThat(report.workloads().get(0).result(Approach.VIRTUAL_THREADS).orElseThrow().label())
        .contains("semaphore 3");
  }

  @Test
  void childJvmCallsTheSimulatorOfItsParent() {
    BenchReport report =
        BenchHarness.builder()
            .workload(Kernels.io(Duration.ofMillis(1), 2))
            .approaches(Approach.PROCESSES)
            .processes(1)
            .warmups(0)
            .runs(1)
            .run();
    assertSane(report.workloads().get(0), 2);
  }

  @Test
  void userClassRunsInProcessAndInChildJvms() {
    CountingWorkload.COMPUTED.set(0);
    BenchReport report =
        BenchHarness.builder()
            .workload(Kernels.ofClass(CountingWorkload.class.getName()))
            .approaches(Approach.BOUNDED_PLATFORM_POOL, Approach.PROCESSES)
            .processes(2)
            .warmups(0)
            .runs(1)
            .run();
    assertSane(report.workloads().get(0), 3);
    assertThat(CountingWorkload.COMPUTED.get())
        .isEqualTo(8); // 4 sequential + 4 pool; the children count their own
  }

  @Test
  void commandWorkload() {
    Optional<Path> sh = Optional.of(Path.of("/bin/true")).filter(Files::isExecutable);
    org.junit.jupiter.api.Assumptions.assumeTrue(sh.isPresent(), "/bin/true needed");
    BenchReport report =
        BenchHarness.builder()
            .workload(Kernels.command(WorkloadType.IO_BOUND, 3, List.of("/bin/true")))
            .approaches(Approach.VIRTUAL_THREADS)
            .warmups(0)
            .runs(1)
            .run();
    assertSane(report.workloads().get(0), 2);
  }

  @Test
  void aFailingApproachIsReportedNotThrown() {
    BenchReport report =
        BenchHarness.builder()
            .workload(Kernels.command(WorkloadType.IO_BOUND, 2, List.of("/bin/false")))
            .approaches(Approach.BOUNDED_PLATFORM_POOL)
            .warmups(0)
            .runs(1)
            .run();
    assertThat(report.workloads().get(0).results())
        .allSatisfy(r -> assertThat(r.error()).contains("exited with 1"));
    assertThat(report.toTable()).contains("failed");
    assertThat(report.toHtml()).contains("failed");
  }

  @Test
  void badUserClassesAreNamed() {
    assertThatThrownBy(() -> Kernels.ofClass("com.example.Missing"))
        .hasMessageContaining("com.example.Missing is not on the classpath");
    assertThatThrownBy(() -> Kernels.ofClass("java.lang.String"))
        .hasMessageContaining("does not implement");
  }

  @Test
  void reportRendersAndRoundTrips(@TempDir Path dir) throws Exception {
    BenchReport report = DecisionRulesTest.report(WorkloadType.IO_BOUND, 12, 1);
    assertThat(BenchReport.fromJson(report.toJson())).isEqualTo(report);
    Path file = dir.resolve("nested/latest.json");
    report.save(file);
    assertThat(BenchReport.load(file)).isEqualTo(report);
    assertThat(
            BenchFigures.load(file)
                .expect(WorkloadType.IO_BOUND, Approach.VIRTUAL_THREADS)
                .source())
        .contains(file.toString());

    String html = report.toHtml();
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<svg")
        .contains("</svg>")
        .contains("<rect")
        .doesNotContain("http-equiv")
        .doesNotContain("src=")
        .doesNotContain("<script");
    assertThat(report.toTable()).contains("io-test").contains("40.00x").contains("baseline");

    Files.writeString(dir.resolve("bad.json"), "{\"workloads\": 3}");
    assertThatThrownBy(() -> BenchReport.load(dir.resolve("bad.json")))
        .hasMessageContaining("bad.json");
  }

  @Test
  void missingResultsFileMeansNoFigures(@TempDir Path dir) throws Exception {
    BenchFigures f = BenchFigures.latestOrNone(dir.resolve("none.json"));
    assertThat(f.report()).isEmpty();
    Expectation e = f.expect(WorkloadType.CPU_BOUND, Approach.FORK_JOIN);
    assertThat(e.measured()).isFalse();
    assertThat(e.source()).contains("chorus bench");
  }

  @Test
  void notesFlagABusyMachineAndAStarvedBaseline() {
    ApproachResult seq =
        new ApproachResult(
            Approach.SEQUENTIAL, "sequential", 1, 1000, 1000, 1000, 400, 1.0, 1.0, 1.0, null, null);
    List<String> notes =
        BenchHarness.notes(
            List.of(new WorkloadResult("cpu-x", WorkloadType.CPU_BOUND, "d", 1, List.of(seq))),
            "999.0",
            "0.5");
    assertThat(notes).contains(BenchReport.BUSY_NOTE);
    assertThat(notes)
        .anyMatch(n -> n.startsWith("cpu-x: the sequential baseline got only 40% of a core"));
    ApproachResult fine =
        new ApproachResult(
            Approach.SEQUENTIAL, "sequential", 1, 1000, 1000, 1000, 990, 1.0, 1.0, 1.0, null, null);
    assertThat(
            BenchHarness.notes(
                List.of(new WorkloadResult("cpu-y", WorkloadType.CPU_BOUND, "d", 1, List.of(fine))),
                "0.1",
                "0.2"))
        .hasSize(1)
        .noneMatch(n -> n.equals(BenchReport.BUSY_NOTE));
  }

  @Test
  void htmlEscapesLabels() {
    ApproachResult r =
        new ApproachResult(Approach.SEQUENTIAL, "<b>&", 1, 1, 1, 1, 1, 1.0, 1.0, 1.0, null, null);
    BenchReport report =
        new BenchReport(
            "t",
            2,
            "21",
            "os",
            0,
            1,
            null,
            List.of(new WorkloadResult("w<x>", WorkloadType.CPU_BOUND, "d", 1, List.of(r))),
            List.of("note <1>"));
    assertThat(report.toHtml())
        .contains("&lt;b&gt;&amp;")
        .contains("w&lt;x&gt;")
        .doesNotContain("<b>&")
        .contains("note &lt;1&gt;");
    assertThat(report.toTable()).contains("note <1>");
  }
}
