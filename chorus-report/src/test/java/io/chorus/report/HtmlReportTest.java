package io.chorus.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Usage;
import io.chorus.observe.RunTrace;
import io.chorus.observe.TraceRecorder;
import io.chorus.observe.TraceStats;
import io.chorus.testing.FakeClock;
import io.chorus.testing.Traces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @TempDir Path dir;

  static RunTrace sampleTrace() {
    FakeClock clock = new FakeClock();
    TraceRecorder rec = new TraceRecorder("batch in.jsonl", clock, true);
    rec.runStart("run_1", "test", 5);
    rec.rateLimitWaitStart(
        Traces.event(0, Traces.T0.plusMillis(5)), Traces.M, "requests", Duration.ofMillis(50));
    rec.rateLimitWaitEnd(
        Traces.event(0, Traces.T0.plusMillis(55)), Traces.M, Duration.ofMillis(50));
    rec.cacheHit(Traces.event(3, Traces.T0));
    for (int i = 0; i < 4; i++) {
      rec.callEnd(
          Traces.event(i, Traces.T0),
          Traces.success(i, 60 + i * 10, 100 + i * 10, 200 + i * 100, Usage.of(100, 50), 0.001));
    }
    rec.callEnd(Traces.event(4, Traces.T0), Traces.retriedFailure(4));
    clock.advance(Duration.ofMillis(600));
    return rec.trace();
  }

  @Test
  void htmlIsSelfContainedWithATimelineRowPerCall() {
    String html = HtmlReport.render(sampleTrace());
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<style>")
        .contains("<script>")
        .endsWith("</html>\n");
    // no external assets: nothing fetched over the network or from disk
    assertThat(html)
        .doesNotContainPattern(Pattern.compile("(src|href)=\"(https?:)?//"))
        .doesNotContain("<link")
        .doesNotContain("src=\"");
    assertThat(html).contains("id=\"synthetic\"").contains("Synthetic");
    assertThat(html).contains("<svg id=\"timeline\"").contains("<svg id=\"concurrency\"");
    assertThat(Pattern.compile("<g class=\"call ").matcher(html).results().count()).isEqualTo(5);
    assertThat(Pattern.compile("<g class=\"call success\"").matcher(html).results().count())
        .isEqualTo(4);
    assertThat(html).contains("data-outcome=\"failure\"");
    assertThat(html)
        .contains("class=\"bar failure retry\"")
        .contains("class=\"bar cancelled hedge\"");
    assertThat(html)
        .contains("class=\"ratelimit\"")
        .contains("class=\"tick\"")
        .contains("class=\"queued\"");
    // summary cards: percentiles, cost and tokens
    assertThat(html)
        .contains("Latency p50 / p90 / p99")
        .contains("Cost")
        .contains("Tokens in / out")
        .contains("400 / 200");
    // escaped error text, and a table of failures
    assertThat(html)
        .contains("boom &lt;b&gt;")
        .doesNotContain("boom <b>")
        .contains("<table id=\"failures\">");
  }

  @Test
  void percentilesAndPeakConcurrencyAreComputed() {
    TraceStats s = sampleTrace().stats();
    assertThat(s.calls()).isEqualTo(5);
    assertThat(s.count("success")).isEqualTo(4);
    assertThat(s.count("failure")).isEqualTo(1);
    // success elapsed from queued (T0) to end: 200, 300, 400, 500 ms
    assertThat(s.latencyMillis()).containsExactly(300, 500, 500);
    assertThat(s.firstTokenMillis()).containsExactly(40, 40, 40);
    assertThat(s.retries()).isEqualTo(1);
    assertThat(s.hedges()).isEqualTo(1);
    assertThat(s.cacheHits()).isEqualTo(1);
    assertThat(s.peakInFlight()).isEqualTo(4);
    assertThat(s.attemptMillis()).containsExactly(230, 410, 410);
    assertThat(s.usage().totalInputTokens()).isEqualTo(400);
    assertThat(s.costUsd()).isEqualTo(0.004, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void reportsAreWrittenByExtension() throws Exception {
    RunTrace t = sampleTrace();
    Reports.write(t, dir.resolve("r.html"));
    Reports.write(t, dir.resolve("r.json"));
    Reports.write(t, dir.resolve("r.md"));
    assertThat(Files.readString(dir.resolve("r.html"))).contains("<svg id=\"timeline\"");
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("r.json").toFile());
    assertThat(json.path("summary").path("latency_ms").path("p50").asLong()).isEqualTo(300);
    assertThat(json.path("calls")).hasSize(5);
    assertThat(json.path("calls").get(4).path("attempts")).hasSize(3);
    // the run trace spells a call's status as it always has (a pattern's JSON spells it its way)
    assertThat(json.path("calls").get(0).path("outcome").asText()).isEqualTo("success");
    assertThat(json.path("calls").get(4).path("outcome").asText()).isEqualTo("failure");
    assertThat(json.path("summary").path("outcomes").path("success").asInt()).isEqualTo(4);
    assertThat(Files.readString(dir.resolve("r.md")))
        .contains("| Latency p50 / p90 / p99 (ms) | 300 / 500 / 500 |")
        .contains("Synthetic")
        .contains("server_error (HTTP 500)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Reports.write(t, dir.resolve("r.txt")))
        .hasMessageContaining(".html, .json or .md");
  }

  @Test
  void bigRunsAreCappedAndSaySo() {
    FakeClock clock = new FakeClock();
    TraceRecorder rec = new TraceRecorder("big", clock, false);
    rec.runStart("run_1", null, HtmlReport.MAX_ROWS + 10);
    for (int i = 0; i < HtmlReport.MAX_ROWS + 10; i++) {
      rec.callEnd(
          Traces.event(i, Traces.T0), Traces.success(i, i, i + 1, i + 5, Usage.of(1, 1), 0));
    }
    String html = HtmlReport.render(rec.trace());
    assertThat(Pattern.compile("<g class=\"call ").matcher(html).results().count())
        .isEqualTo(HtmlReport.MAX_ROWS);
    assertThat(html)
        .contains("Showing the first " + HtmlReport.MAX_ROWS + " of " + (HtmlReport.MAX_ROWS + 10));
  }
}
