package io.chorus.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.core.Usage;
import io.chorus.observe.RunTrace;
import io.chorus.observe.TraceRecorder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.Traces;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CostFiguresTest {

  static RunTrace trace() {
    FakeClock clock = new FakeClock();
    TraceRecorder rec = new TraceRecorder("vote", clock, true);
    rec.runStart("run_1", "vote", 3);
    // the leader writes 10,000 tokens, a follower reads them, a third call reports no usage
    rec.callEnd(
        Traces.event(0, Traces.T0),
        Traces.success(0, 60, 100, 200, new Usage(10, 50, 10_000, 0), 0.0383));
    rec.callEnd(
        Traces.event(1, Traces.T0),
        Traces.success(1, 60, 100, 200, new Usage(10, 50, 0, 10_000), 0.0038));
    rec.callEnd(Traces.event(2, Traces.T0), Traces.success(2, 60, 100, 200, Usage.ZERO, 0));
    clock.advance(Duration.ofMillis(300));
    return rec.trace();
  }

  @Test
  void theCacheSavingIsPricedAgainstPlainInputAndMissingUsageIsSaidNotGuessed() {
    CostFigures c = CostFigures.of(trace(), PriceTable.empty().with("sim:*", Price.of(3, 15)));
    assertThat(c.cacheWriteTokens()).isEqualTo(10_000);
    assertThat(c.cacheReadTokens()).isEqualTo(10_000);
    // plain: 20,000 x $3/M = $0.06; cached: 10,000 x 3.75 + 10,000 x 0.30 = $0.0405
    assertThat(c.cacheSavedUsd()).isCloseTo(0.0195, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.unreportedNotice())
        .isEqualTo("cost unknown: provider reported no usage for 1 call(s)");
    assertThat(c.costLine()).startsWith("$0.0421 (synthetic) + unknown (cost unknown");
    assertThat(c.cacheLine())
        .isEqualTo(
            "10000 tokens written, 10000 read; saved $0.0195 (synthetic) against the same calls"
                + " without the cache");
  }

  @Test
  void everyRunReportStatesTheCostPerSuccessTheCacheAndTheUnknownCost() {
    RunTrace t = trace();
    assertThat(MarkdownReport.render(t))
        .contains("| Cost per successful call | $0.0140 (synthetic) |")
        .contains("cost unknown: provider reported no usage for 1 call(s)");
    assertThat(HtmlReport.render(t)).contains("Cost per success").contains("cost unknown");
    assertThat(JsonReport.render(t))
        .contains("\"cache_read_tokens\" : 10000")
        .contains("\"calls_without_usage\" : 1")
        .contains("\"batch_saved_usd\" : 0.0");
  }

  @Test
  void aRunThroughTheBatchApiStatesWhatTheBatchRateSaved() {
    FakeClock clock = new FakeClock();
    TraceRecorder rec = new TraceRecorder("batch in.jsonl", clock, true);
    rec.runStart("run_1", "batch", 2);
    // 1,000 in + 500 out at $3/$15: $0.0105 at list price, $0.00525 at the batch rate (50%)
    for (int i = 0; i < 2; i++) {
      rec.callEnd(
          Traces.event(i, Traces.T0),
          Traces.success(i, 60, 100, 200, new Usage(1_000, 500, 0, 0), 0.00525));
    }
    RunTrace t = rec.trace();
    PriceTable list = PriceTable.empty().with("sim:*", Price.of(3, 15));
    CostFigures batched = CostFigures.of(t, list, java.util.Set.of("sim"));
    assertThat(batched.batchSavedUsd())
        .isCloseTo(0.0105, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(batched.batchLine())
        .isEqualTo(
            "saved $0.0105 (synthetic): $0.0105 (synthetic) at the batch rate against $0.0210"
                + " (synthetic) at list price");
    assertThat(MarkdownReport.render(t, null, batched))
        .contains("| Provider batch API | saved $0.0105 (synthetic)");
    assertThat(HtmlReport.render(t, null, batched)).contains("Provider batch API");
    assertThat(JsonReport.render(t, null, batched)).contains("\"batch_saved_usd\" : 0.0105");
    // the same calls sent one by one: no batch line
    CostFigures alone = CostFigures.of(t, list);
    assertThat(alone.batchSavedUsd()).isZero();
    assertThat(alone.batchLine()).isNull();
    assertThat(MarkdownReport.render(t, null, alone)).doesNotContain("Provider batch API");
  }
}
