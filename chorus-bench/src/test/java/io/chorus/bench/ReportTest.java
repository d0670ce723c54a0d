package io.chorus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report generation of the benchmark suite: parsing, ratios, verdicts, Markdown. No benchmark
 * runs.
 */
class ReportTest {

  private static ClientResult result(
      String client, long calls, long ok, double wallMs, double cpuMs, double heap, double p99) {
    return new ClientResult(
        client,
        calls,
        ok,
        calls - ok,
        calls == ok ? Map.of() : Map.of("http_429", calls - ok),
        wallMs,
        cpuMs,
        heap,
        heap * 1.5,
        heap / 2,
        0,
        0,
        p99 / 4,
        p99,
        p99 * 2);
  }

  private static Scenario scenario(String id) {
    return Scenarios.all(true).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void resultLinesRoundTripAndNodeShapedLinesParse() {
    ClientResult r = result("chorus", 100, 98, 1234.5, 600, 200, 900);
    assertThat(ClientResult.parseLine(r.toLine())).isEqualTo(r);

    String node =
        "RESULT {\"client\":\"node-openai-sdk\",\"calls\":10,\"ok\":9,\"errors\":1,\"errorKinds\":{\"http_500\":1},"
            + "\"wallMs\":1500.25,\"cpuMs\":700,\"peakHeapMb\":30.5,\"peakRssMb\":90,\"retries\":-1,\"hedges\":-1,"
            + "\"p50Ms\":100,\"p99Ms\":400,\"maxMs\":450,\"somethingNew\":true}";
    ClientResult n = ClientResult.parseLine(node);
    assertThat(n.client()).isEqualTo("node-openai-sdk");
    assertThat(n.errorKinds()).containsEntry("http_500", 1L);
    assertThat(n.callsPerSecond()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(n.cpuSecondsPer1000()).isCloseTo(70.0, org.assertj.core.data.Offset.offset(1e-9));

    assertThatThrownBy(() -> ClientResult.parseLine("listening on x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a RESULT line");
    assertThatThrownBy(() -> ClientResult.parseLine("RESULT {oops"))
        .hasMessageContaining("bad RESULT json");
  }

  @Test
  void simulatorOutputIsParsed() {
    assertThat(SimProcess.parseListening("listening on http://127.0.0.1:41234"))
        .isEqualTo("http://127.0.0.1:41234");
    assertThat(SimProcess.parseListening("WARNING: something")).isNull();
    SimCounters c =
        SimCounters.parse(
            "{\"totals\":{\"requests\":120,\"rateLimited\":7,\"faults\":{}},\"peakConnections\":33,"
                + "\"openConnections\":0,\"byKey\":{},\"byModel\":{}}");
    assertThat(c).isEqualTo(new SimCounters(120, 7, 33));
    assertThatThrownBy(() -> SimCounters.parse("{\"x\":1}"))
        .hasMessageContaining("totals.requests");
    assertThatThrownBy(() -> SimCounters.parse("<html>")).hasMessageContaining("not JSON");
    // /proc/PID/stat: utime 150 and stime 50 ticks = 2 s, with a command name holding spaces
    assertThat(
            SimProcess.parseStatCpuMs(
                "4242 (java sim) S 1 2 3 4 5 6 7 8 9 10 150 50 0 0 20 0 30 0 100 200 300"))
        .isEqualTo(2000.0);
  }

  @Test
  void clientArgumentsRoundTrip() {
    ClientArgs a =
        new ClientArgs(
            "http://127.0.0.1:9", "tail", 30, 5, 4, true, 16, "hi there", 1200, 200_000, 0.95, 60);
    assertThat(ClientArgs.parse(a.toArgs().toArray(String[]::new))).isEqualTo(a);
    assertThat(a.calls()).isEqualTo(150);
    assertThatThrownBy(() -> ClientArgs.parse(new String[] {"--base", "x", "--colour", "red"}))
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> ClientArgs.parse(new String[] {"--model", "x"}))
        .hasMessageContaining("--base");
  }

  @Test
  void ratiosFollowTheIssueDefinitions() {
    // ideal = ceil(10000 / 1000) x 500 ms = 5 s
    assertThat(Report.makespanEfficiency(10_000, 1000, 500, 5000)).isEqualTo(1.0);
    assertThat(Report.makespanEfficiency(10_001, 1000, 500, 5500)).isEqualTo(1.0);
    assertThat(Report.makespanEfficiency(10_000, 1000, 500, 10_000)).isEqualTo(0.5);
    // a full bucket (1,200) plus one minute of refill (1,200) is everything the limit admits in 60
    // s
    assertThat(Report.rateLimitFraction(2400, 2400, 1200, 60_000)).isEqualTo(1.0);
    assertThat(Report.rateLimitFraction(1800, 2400, 1200, 60_000)).isEqualTo(0.75);
    assertThat(Report.rateLimitFraction(2400, 2400, 1200, 120_000)).isEqualTo(2400.0 / 3600);
    // failing half the calls to finish in 4 s is not "the limit achieved": judged over the ideal
    // minute
    assertThat(Report.rateLimitFraction(1200, 2400, 1200, 4_000)).isEqualTo(0.5);
  }

  @Test
  void verdictsJudgeEachTarget() {
    SimCounters clean = new SimCounters(10_000, 0, 1000);
    ScenarioRun p1 =
        new ScenarioRun(
            scenario("P1"),
            List.of(
                new Row("chorus", result("chorus", 10_000, 10_000, 5100, 1, 1, 1), clean, null)));
    assertThat(Report.verdict(p1).met()).isTrue();
    ScenarioRun p1slow =
        new ScenarioRun(
            scenario("P1"),
            List.of(
                new Row("chorus", result("chorus", 10_000, 10_000, 5200, 1, 1, 1), clean, null)));
    assertThat(Report.verdict(p1slow).met()).isFalse();

    ScenarioRun p2 =
        new ScenarioRun(
            scenario("P2"),
            List.of(
                new Row("chorus", result("chorus", 1000, 1000, 1000, 100, 1, 1), clean, null),
                new Row(
                    "jdk-httpclient",
                    result("jdk-httpclient", 1000, 1000, 2500, 300, 1, 1),
                    clean,
                    null),
                new Row(
                    "langchain4j", result("langchain4j", 1000, 1000, 1900, 400, 1, 1), clean, null),
                new Row("node-openai-sdk", null, SimCounters.UNKNOWN, "killed")));
    assertThat(Report.bestPeerByThroughput(p2).client()).isEqualTo("langchain4j");
    Verdict v2 = Report.verdict(p2);
    assertThat(v2.met()).isFalse(); // 1.9x, not 2x
    assertThat(v2.measured())
        .contains("1.90× the calls/s of the best peer, langchain4j (1000 vs 526)")
        .contains("2.50× the plain JDK HttpClient baseline (400 calls/s)")
        .contains("CPU per call 0.10 ms vs its 0.40 ms");

    ScenarioRun p3 =
        new ScenarioRun(
            scenario("P3"),
            List.of(
                new Row(
                    "chorus",
                    result("chorus", 2400, 2400, 61_000, 1, 1, 1),
                    new SimCounters(2400, 0, 100),
                    null)));
    assertThat(Report.verdict(p3).met()).isTrue();
    ScenarioRun p3with429 =
        new ScenarioRun(
            scenario("P3"),
            List.of(
                new Row(
                    "chorus",
                    result("chorus", 2400, 2400, 61_000, 1, 1, 1),
                    new SimCounters(2410, 10, 100),
                    null)));
    assertThat(Report.verdict(p3with429).met()).isFalse();

    ScenarioRun p4 =
        new ScenarioRun(
            scenario("P4"),
            List.of(
                new Row(
                    "chorus", result("chorus", 10_000, 10_000, 12_000, 1, 600, 1), clean, null)));
    assertThat(Report.verdict(p4).met()).isFalse();
    assertThat(Report.verdict(p4).measured()).contains("peak heap 600 MB (live after GC 300 MB)");
    ScenarioRun p4capped =
        new ScenarioRun(
            scenario("P4"),
            List.of(
                new Row("chorus", result("chorus", 10_000, 10_000, 12_000, 1, 600, 1), clean, null),
                new Row(
                    "chorus@512m",
                    result("chorus", 10_000, 10_000, 13_000, 1, 480, 1),
                    clean,
                    null)));
    assertThat(Report.verdict(p4capped).met()).isTrue();
    assertThat(Report.verdict(p4capped).measured())
        .contains("with -Xmx512m: 10000/10000 ok, 0 errors, peak heap 480 MB");
    ScenarioRun p4cappedFailed =
        new ScenarioRun(
            scenario("P4"),
            List.of(
                new Row("chorus", result("chorus", 10_000, 10_000, 12_000, 1, 600, 1), clean, null),
                new Row(
                    "chorus@512m",
                    result("chorus", 10_000, 9_000, 13_000, 1, 510, 1),
                    clean,
                    null)));
    assertThat(Report.verdict(p4cappedFailed).met()).isFalse();

    ScenarioRun p5 =
        new ScenarioRun(
            scenario("P5"),
            List.of(
                new Row(
                    "chorus",
                    result("chorus", 1500, 1500, 1, 1, 1, 3000),
                    new SimCounters(1500, 0, 1),
                    null),
                new Row(
                    "chorus+hedge",
                    result("chorus+hedge", 1500, 1500, 1, 1, 1, 1400),
                    new SimCounters(1620, 0, 1),
                    null)));
    Verdict v5 = Report.verdict(p5);
    assertThat(v5.met()).isTrue();
    assertThat(v5.measured()).contains("0.47×").contains("8.0% extra");
    ScenarioRun p5costly =
        new ScenarioRun(
            scenario("P5"),
            List.of(
                new Row(
                    "chorus",
                    result("chorus", 1500, 1500, 1, 1, 1, 3000),
                    new SimCounters(1500, 0, 1),
                    null),
                new Row(
                    "chorus+hedge",
                    result("chorus+hedge", 1500, 1500, 1, 1, 1, 1400),
                    new SimCounters(1800, 0, 1),
                    null)));
    assertThat(Report.verdict(p5costly).met()).isFalse();

    ScenarioRun missing =
        new ScenarioRun(
            scenario("P1"),
            List.of(new Row("chorus", null, SimCounters.UNKNOWN, "killed after 6 min")));
    assertThat(Report.verdict(missing).met()).isNull();
    assertThat(Report.verdict(missing).status()).isEqualTo("not measured");

    ClientResult probe =
        new ClientResult(
            "chorus-engine", 100_000, 100_000, 0, Map.of(), 900, 2000, 50, 100, 25, 0, 0, 0, 0, 0);
    assertThat(Report.microsPerCall(probe)).isEqualTo(20.0);
    assertThat(Report.overheadVerdict(probe).met()).isTrue();
  }

  @Test
  void repeatedRunsAreReducedToTheMedianByWallTime() {
    SimCounters c = new SimCounters(1000, 0, 64);
    Row fast = new Row("chorus", result("chorus", 1000, 1000, 900, 1, 1, 1), c, null);
    Row mid = new Row("chorus", result("chorus", 1000, 1000, 1000, 1, 1, 1), c, null);
    Row slow = new Row("chorus", result("chorus", 1000, 1000, 1300, 1, 1, 1), c, null);
    Row broken = new Row("chorus", null, SimCounters.UNKNOWN, "killed");
    assertThat(Report.medianByWall(List.of(slow, fast, mid))).isSameAs(mid);
    assertThat(Report.medianByWall(List.of(broken, fast, mid)))
        .isSameAs(mid); // no result counts as slowest
    assertThat(Report.medianByWall(List.of(fast))).isSameAs(fast);
  }

  @Test
  void overTlsP2NeedsHalfTheBestPeersCpuAsWellAndEveryVerdictNamesItsPathAndLoad() {
    SimCounters clean = new SimCounters(1000, 0, 64);
    // 2.1x the calls/s of langchain4j, but at 0.67x its CPU per call: met on plain http only
    List<Row> rows =
        List.of(
            new Row("chorus", result("chorus", 1000, 1000, 1000, 200, 1, 1), clean, null),
            new Row(
                "langchain4j", result("langchain4j", 1000, 1000, 2100, 300, 1, 1), clean, null));
    Verdict plain = Report.verdict(new ScenarioRun(scenario("P2"), rows, "1.0 → 2.0"));
    Verdict tls = Report.verdict(new ScenarioRun(scenario("P2-tls-h1"), rows, "1.0 → 2.0"));
    assertThat(plain.met()).isTrue();
    assertThat(tls.met()).isFalse();
    assertThat(tls.id()).isEqualTo("P2-tls-h1 (TLS h1)");
    assertThat(plain.id()).isEqualTo("P2 (plain http)");
    assertThat(tls.measured()).contains("(0.67×)").endsWith("; load average 1.0 → 2.0");
    assertThat(scenario("P2-tls-h2").path()).isEqualTo(WirePath.TLS_H2);
    assertThat(Report.table(new ScenarioRun(scenario("P2-tls-h2"), rows, "1.0 → 2.0")))
        .contains("Path: **TLS h2**. Load average (1 min), start → end: 1.0 → 2.0.");
  }

  @Test
  void p3RunsEveryPeerAgainWithItsEcosystemsLimiter() {
    assertThat(scenario("P3").clients())
        .contains(
            "jdk-httpclient",
            "jdk-httpclient+limiter",
            "langchain4j+limiter",
            "node-openai-sdk+limiter",
            "node-anthropic-sdk+limiter");
  }

  @Test
  void thePlainBaselineIsReportedButIsNotThePeerP2IsJudgedAgainst() {
    SimCounters clean = new SimCounters(1000, 0, 64);
    ScenarioRun p2 =
        new ScenarioRun(
            scenario("P2"),
            List.of(
                new Row("chorus", result("chorus", 1000, 1000, 1000, 100, 1, 1), clean, null),
                new Row(
                    "jdk-httpclient",
                    result("jdk-httpclient", 1000, 1000, 1400, 200, 1, 1),
                    clean,
                    null),
                new Row(
                    "langchain4j",
                    result("langchain4j", 1000, 1000, 2100, 300, 1, 1),
                    clean,
                    null)));
    assertThat(Report.bestPeerByThroughput(p2).client()).isEqualTo("langchain4j");
    Verdict v = Report.verdict(p2);
    assertThat(v.met()).isTrue(); // 2.1x langchain4j, though only 1.4x the bare baseline
    assertThat(v.measured())
        .isEqualTo(
            "2.10× the calls/s of the best peer, langchain4j (1000 vs 476); CPU per call 0.10 ms vs its"
                + " 0.30 ms (0.33×); 1.40× the plain JDK HttpClient baseline (714 calls/s) at 0.50× its CPU per call (0.10 vs 0.20 ms)");
  }

  @Test
  void theInProcessRowIsReportedBesideTheVerdictAndShowsNoSimulatorColumns() {
    ScenarioRun p1 =
        new ScenarioRun(
            scenario("P1"),
            List.of(
                new Row(
                    "chorus",
                    result("chorus", 10_000, 10_000, 6250, 1, 1, 1),
                    new SimCounters(10_000, 0, 1000),
                    null),
                new Row(
                    Report.IN_PROCESS,
                    result(Report.IN_PROCESS, 10_000, 10_000, 5050, 1, 1, 1),
                    SimCounters.UNKNOWN,
                    null)));
    Verdict v = Report.verdict(p1);
    assertThat(v.met()).isFalse(); // judged on the HTTP run
    assertThat(v.measured())
        .isEqualTo(
            "0.800 (6.25 s vs ideal 5.00 s), 0 errors; the engine alone over an in-process transport: 0.990");
    assertThat(Report.table(p1))
        .contains("| chorus-in-process | 10000 / 10000 | 0 | 5.1 | 0.990 |")
        .contains("| — | — | — |");
  }

  @Test
  void markdownHasTheTablesAndReplacesOnlyTheMarkedSection() throws Exception {
    ScenarioRun p1 =
        new ScenarioRun(
            scenario("P1"),
            List.of(
                new Row(
                    "chorus",
                    result("chorus", 10_000, 9_990, 5100, 2000, 300, 700),
                    new SimCounters(10_000, 0, 1000),
                    null),
                new Row("langchain4j", null, SimCounters.UNKNOWN, "exited 1 without a result")));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("command", "`scripts/bench.sh --quick`");
    String body =
        Report.render(
            facts,
            List.of(p1),
            null,
            Jmh.summary(
                "[{\"benchmark\":\"io.chorus.bench.EngineOverheadBenchmark.singleCall\","
                    + "\"mode\":\"avgt\",\"threads\":1,\"forks\":1,\"primaryMetric\":{\"score\":12.5,\"scoreError\":0.5,\"scoreUnit\":\"us/op\"}}]"));
    assertThat(body)
        .contains("**command**: `scripts/bench.sh --quick`")
        .contains("| P1 (plain http) | ideal ÷ measured ≥ 0.97 | 0.980")
        .contains(
            "| chorus | 9990 / 10000 | 10 (http_429 10) | 5.1 | 0.980 | 0.20 | 300 | 150 | 450 | 10000 | 0 | ? | 175 | 700 |")
        .contains("| langchain4j | — | exited 1 without a result |")
        .contains("JMH `singleCall`: 12.50 ± 0.50 us/op")
        .contains("| overhead | ≤ 50 µs CPU per call | not measured | not measured |");

    assertThat(
            Jmh.summary(
                "[{\"benchmark\":\"x.EngineOverheadBenchmark.fanOut1000\",\"mode\":\"avgt\",\"threads\":1,"
                    + "\"forks\":1,\"primaryMetric\":{\"score\":9201.383,\"scoreError\":63.5,\"scoreUnit\":\"us/op\"}}]"))
        .contains("`fanOut1000`: 9201.38 ± 63.50 us/op")
        .contains("= 9.20 us per call");

    String q0 = PeerBench.begin("quick");
    String q1 = PeerBench.end("quick");
    String f0 = PeerBench.begin("full");
    String f1 = PeerBench.end("full");
    String doc =
        "# B\n\nintro\n"
            + q0
            + "\nold\n"
            + q1
            + "\n"
            + f0
            + "\nfull\n"
            + f1
            + "\n\n## Analysis\nkept\n";
    String spliced = PeerBench.splice(doc, "quick", "new\n");
    assertThat(spliced)
        .isEqualTo(
            "# B\n\nintro\n"
                + q0
                + "\nnew\n"
                + q1
                + "\n"
                + f0
                + "\nfull\n"
                + f1
                + "\n\n## Analysis\nkept\n");
    assertThat(PeerBench.splice("# B\n", "full", "x\n"))
        .isEqualTo("# B\n\n" + f0 + "\nx\n" + f1 + "\n");
  }
}
