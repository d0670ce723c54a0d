package io.chorus.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionRulesTest {
  private static final BenchFigures NONE = BenchFigures.none("no figures in this test");

  /**
   * The decision table: flags as written on the command line, the expected approach and the rule
   * that must have fired for it.
   */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
      --workload-type cpu-bound --concurrency 1 --cpu-cores 8                               ; SEQUENTIAL            ; SEQ-1
      --workload-type io-bound --concurrency 1                                              ; SEQUENTIAL            ; SEQ-1
      --workload-type cpu-bound --concurrency 8 --cpu-cores 1                               ; SEQUENTIAL            ; CPU-1
      --workload-type io-bound --concurrency 200 --cpu-cores 2                              ; VIRTUAL_THREADS       ; IO-1
      --workload-type io-bound --concurrency 5000 --cpu-cores 2                             ; VIRTUAL_THREADS       ; IO-2
      --workload-type io-bound --concurrency 500 --cpu-cores 4 --rate-limited-api           ; VIRTUAL_THREADS       ; RATE-1
      --workload-type io-bound --concurrency 50 --cpu-cores 4 --blocking-libraries          ; BOUNDED_PLATFORM_POOL ; IO-3
      --workload-type io-bound --concurrency 2000 --memory-budget-mb 512 --blocking-libraries ; BOUNDED_PLATFORM_POOL ; MEM-3
      --workload-type cpu-bound --concurrency 16 --cpu-cores 4 --blocking-libraries         ; BOUNDED_PLATFORM_POOL ; CPU-3
      --workload-type mixed --concurrency 40 --cpu-cores 4 --blocking-libraries             ; BOUNDED_PLATFORM_POOL ; MIX-3
      --workload-type cpu-bound --concurrency 8 --cpu-cores 2                               ; FORK_JOIN             ; CPU-2
      --workload-type cpu-bound --concurrency 8 --cpu-cores 4 --shared-state                ; FORK_JOIN             ; SHARE-1
      --workload-type cpu-bound --concurrency 8 --cpu-cores 4 --expensive-startup           ; FORK_JOIN             ; START-1
      --workload-type cpu-bound --concurrency 8 --cpu-cores 4 --isolation                   ; PROCESSES             ; ISO-1
      --workload-type cpu-bound --concurrency 8 --cpu-cores 4 --isolation --expensive-startup ; PROCESSES           ; START-2
      --workload-type io-bound --concurrency 20 --isolation --latency-ms 200                ; PROCESSES             ; LAT-1
      --workload-type mixed --concurrency 10 --isolation --shared-state                     ; PROCESSES             ; SHARE-2
      --workload-type mixed --concurrency 100 --cpu-cores 2                                 ; HYBRID                ; MIX-1
      --workload-type mixed --concurrency 100 --cpu-cores 8 --rate-limited-api              ; HYBRID                ; RATE-1
      --workload-type mixed --concurrency 100 --cpu-cores 1                                 ; VIRTUAL_THREADS       ; MIX-2
      """)
  void decisionTable(String flags, Approach expected, String rule) {
    WorkloadProfile p = WorkloadProfile.fromArgs(flags.trim().split("\\s+"));
    Recommendation r = new Advisor().advise(p, NONE);
    assertThat(r.approach()).isEqualTo(expected);
    assertThat(r.rules()).extracting(FiredRule::id).contains(rule);
    assertThat(r.rules()).allSatisfy(f -> assertThat(f.sentence()).isNotBlank());
    assertThat(r.migration()).isNotEmpty();
    assertThat(r.pitfalls()).isNotEmpty();
    assertThat(r.alternatives())
        .extracting(Alternative::approach)
        .doesNotContain(expected)
        .hasSize(Approach.values().length - 1);
  }

  @Test
  void withoutFiguresNothingIsInvented() {
    Recommendation r =
        new Advisor()
            .advise(
                WorkloadProfile.fromArgs("--workload-type", "io-bound", "--concurrency", "100"),
                NONE);
    assertThat(r.expectation().measured()).isFalse();
    assertThat(r.expectation().speedup()).isNull();
    assertThat(r.expectation().memoryOverheadMb()).isNull();
    assertThat(r.expectation().source()).isEqualTo("no figures in this test");
    assertThat(r.alternatives())
        .filteredOn(a -> a.approach() != Approach.SEQUENTIAL)
        .allSatisfy(a -> assertThat(a.expectation().speedup()).isNull());
  }

  @Test
  void figuresAreQuotedFromTheReportWithTheirSource() {
    BenchFigures f = BenchFigures.of(report(WorkloadType.IO_BOUND, 40.0, 0.9), "test-report.json");
    Recommendation r =
        new Advisor()
            .advise(
                WorkloadProfile.fromArgs("--workload-type", "io-bound", "--concurrency", "100"), f);
    assertThat(r.approach()).isEqualTo(Approach.VIRTUAL_THREADS);
    assertThat(r.expectation().speedup()).isEqualTo(1000.0 / 25.0);
    assertThat(r.expectation().reading()).isEqualTo(Reading.CLEAR_WINNER);
    assertThat(r.expectation().memoryOverheadMb()).isEqualTo(40.0);
    assertThat(r.expectation().source()).contains("test-report.json").contains("io-test");
    // Alternatives: measured ones sorted fastest first.
    assertThat(r.alternatives().get(0).expectation().speedup()).isNotNull();
    assertThat(r.toMarkdown()).contains("40.00x").contains("test-report.json");
  }

  @Test
  void measuredSlowdownOverrulesTheChoice() {
    // A report in which virtual threads were slower than sequential (speedup 0.9).
    BenchFigures f = BenchFigures.of(report(WorkloadType.CPU_BOUND, 5.0, 0.9), "slow.json");
    Recommendation r =
        new Advisor()
            .advise(
                WorkloadProfile.fromArgs(
                    "--workload-type", "cpu-bound", "--concurrency", "8", "--cpu-cores", "2"),
                f);
    assertThat(r.fired("CPU-2")).isTrue();
    assertThat(r.fired("MEAS-1")).isTrue();
    assertThat(r.approach()).isEqualTo(Approach.SEQUENTIAL);
  }

  @Test
  void aSlowdownMeasuredOnABusyMachineDoesNotOverrule() {
    BenchReport quiet = report(WorkloadType.CPU_BOUND, 5.0, 0.9);
    BenchReport busy =
        new BenchReport(
            quiet.createdAt(),
            2,
            "21",
            "Linux",
            1,
            3,
            null,
            quiet.workloads(),
            List.of(BenchReport.BUSY_NOTE));
    Recommendation r =
        new Advisor()
            .advise(
                WorkloadProfile.fromArgs(
                    "--workload-type", "cpu-bound", "--concurrency", "8", "--cpu-cores", "2"),
                BenchFigures.of(busy, "busy.json"));
    assertThat(r.approach()).isEqualTo(Approach.FORK_JOIN);
    assertThat(r.fired("MEAS-3")).isTrue();
    assertThat(r.fired("MEAS-1")).isFalse();
  }

  @Test
  void theLargestWorkloadIsQuotedAndSmallWorkIsFlagged() {
    // Large CPU work: fork-join 1.8x; small CPU work: fork-join 0.9x.
    WorkloadResult large = report(WorkloadType.CPU_BOUND, 5.0, 1.8).workloads().get(0);
    ApproachResult smallSeq =
        new ApproachResult(
            Approach.SEQUENTIAL, "sequential", 1, 10, 10, 10, 10, 1.0, 100.0, 1.0, null, null);
    ApproachResult smallFj =
        new ApproachResult(
            Approach.FORK_JOIN,
            "fj",
            2,
            11.1,
            11.1,
            11.1,
            10,
            1.0,
            100.0,
            10 / 11.1,
            Reading.of(10 / 11.1),
            null);
    WorkloadResult small =
        new WorkloadResult(
            "cpu-small", WorkloadType.CPU_BOUND, "tiny", 8, List.of(smallSeq, smallFj));
    BenchReport both =
        new BenchReport(
            "2026-01-01T00:00:00Z", 2, "21", "Linux", 1, 3, null, List.of(large, small), List.of());
    assertThat(both.workload(WorkloadType.CPU_BOUND)).contains(large);
    assertThat(both.smallestWorkload(WorkloadType.CPU_BOUND)).contains(small);
    Recommendation r =
        new Advisor()
            .advise(
                WorkloadProfile.fromArgs(
                    "--workload-type", "cpu-bound", "--concurrency", "8", "--cpu-cores", "2"),
                BenchFigures.of(both, "both.json"));
    assertThat(r.approach()).isEqualTo(Approach.FORK_JOIN);
    assertThat(r.expectation().speedup()).isEqualTo(1.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.fired("MEAS-4")).isTrue();
    assertThat(r.fired("MEAS-1")).isFalse();
  }

  @Test
  void memoryBudgetBelowMeasuredOverheadAsksForASemaphore() {
    BenchFigures f = BenchFigures.of(report(WorkloadType.IO_BOUND, 300.0, 2.0), "mem.json");
    Recommendation r =
        new Advisor()
            .advise(
                WorkloadProfile.fromArgs(
                    "--workload-type",
                    "io-bound",
                    "--concurrency",
                    "100",
                    "--memory-budget-mb",
                    "128"),
                f);
    assertThat(r.fired("MEM-1")).isTrue();
  }

  @Test
  void markdownAndJsonCarryEverySection() throws Exception {
    Recommendation r =
        new Advisor()
            .advise(
                WorkloadProfile.fromArgs(
                    "--workload-type",
                    "mixed",
                    "--concurrency",
                    "64",
                    "--cpu-cores",
                    "2",
                    "--rate-limited-api"),
                NONE);
    String md = r.toMarkdown();
    assertThat(md)
        .contains(
            "# Recommendation: " + Approach.HYBRID.title(),
            "## Reasoning",
            "**MIX-1**",
            "**RATE-1**",
            "## Alternatives",
            "## Migration guide",
            "## Pitfalls",
            "Semaphore",
            "No measured figure");
    @SuppressWarnings("unchecked")
    Map<String, Object> json =
        io.chorus.advisor.internal.Json.MAPPER.readValue(r.toJson(), Map.class);
    assertThat(json.get("approach")).isEqualTo("hybrid");
    assertThat((List<?>) json.get("rules")).hasSize(r.rules().size());
    assertThat(json)
        .containsKeys("expectation", "alternatives", "migration", "pitfalls", "profile");
  }

  /** A two-approach report: sequential 1000 ms, VT 1000/vtSpeedup ms... with given VT overhead. */
  static BenchReport report(WorkloadType type, double vtOverheadMb, double vtSpeedupForCpu) {
    double vtMedian = type == WorkloadType.CPU_BOUND ? 1000 / vtSpeedupForCpu : 25.0;
    double fjMedian = type == WorkloadType.CPU_BOUND ? 1000 / vtSpeedupForCpu : 500.0;
    ApproachResult seq =
        new ApproachResult(
            Approach.SEQUENTIAL,
            "sequential",
            1,
            990,
            1000,
            1010,
            900,
            10.0,
            100.0,
            1.0,
            null,
            null);
    ApproachResult vt =
        new ApproachResult(
            Approach.VIRTUAL_THREADS,
            "vt",
            0,
            vtMedian,
            vtMedian,
            vtMedian,
            100,
            20.0,
            100 + vtOverheadMb,
            1000 / vtMedian,
            Reading.of(1000 / vtMedian),
            null);
    ApproachResult fj =
        new ApproachResult(
            Approach.FORK_JOIN,
            "fj",
            2,
            fjMedian,
            fjMedian,
            fjMedian,
            100,
            20.0,
            101.0,
            1000 / fjMedian,
            Reading.of(1000 / fjMedian),
            null);
    String name = type == WorkloadType.CPU_BOUND ? "cpu-test" : "io-test";
    return new BenchReport(
        "2026-01-01T00:00:00Z",
        2,
        "21",
        "Linux",
        1,
        3,
        null,
        List.of(new WorkloadResult(name, type, "test workload", 8, List.of(seq, vt, fj))),
        List.of());
  }
}
