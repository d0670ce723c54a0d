package io.chorus.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Usage;
import io.chorus.observe.ProgressListener;
import io.chorus.observe.ProgressSnapshot;
import io.chorus.testing.FakeClock;
import io.chorus.testing.Traces;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  @Test
  void plainModePrintsAPeriodicLineWithEveryFigure() {
    FakeClock clock = new FakeClock();
    ProgressListener l = new ProgressListener(clock);
    StringWriter sw = new StringWriter();
    ProgressPrinter p =
        new ProgressPrinter(l, new PrintWriter(sw), false, clock, Duration.ofSeconds(2), 3);
    l.runStart("run_1", "batch", 10);
    for (int i = 0; i < 4; i++) {
      l.callAdmitted(Traces.event(i, Traces.T0));
    }
    l.retryScheduled(Traces.event(0, Traces.T0), 2, Duration.ofMillis(100), "server_error");
    l.rateLimitWaitStart(
        Traces.event(3, Traces.T0),
        Traces.event(3, Traces.T0).request().model(),
        "tokens",
        Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    l.callEnd(
        Traces.event(0, Traces.T0), Traces.success(0, 0, 10, 20, Usage.of(1500, 500), 0.0125));
    l.callEnd(Traces.event(1, Traces.T0), Traces.retriedFailure(1));
    p.tick();
    String first = sw.toString();
    assertThat(first)
        .isEqualTo(
            "progress: 2/10  20% | failed 1 | in flight 2 | retries 1 | rate-limit waits 1 (1 now) | 2.0k tok | $0.0125 | ETA 4.0s"
                + System.lineSeparator());
    // not due yet: nothing more
    clock.advance(Duration.ofMillis(500));
    p.tick();
    assertThat(sw.toString()).isEqualTo(first);
    clock.advance(Duration.ofSeconds(2));
    p.tick();
    assertThat(sw.toString().lines().count()).isEqualTo(2);
    p.finish();
    assertThat(sw.toString().lines().count()).isEqualTo(3);
  }

  @Test
  void smallRunsDrawNothing() {
    FakeClock clock = new FakeClock();
    ProgressListener l = new ProgressListener(clock);
    StringWriter sw = new StringWriter();
    ProgressPrinter p =
        new ProgressPrinter(l, new PrintWriter(sw), true, clock, Duration.ofSeconds(2), 3);
    l.runStart("run_1", null, 1);
    p.tick();
    p.finish();
    assertThat(sw.toString()).isEmpty();
  }

  @Test
  void ansiModeRedrawsOneLineInPlace() {
    FakeClock clock = new FakeClock();
    ProgressListener l = new ProgressListener(clock);
    StringWriter sw = new StringWriter();
    ProgressPrinter p =
        new ProgressPrinter(l, new PrintWriter(sw), true, clock, Duration.ofSeconds(2), 3);
    l.runStart("run_1", null, 4);
    p.tick();
    clock.advance(Duration.ofMillis(150));
    l.callEnd(Traces.event(0, Traces.T0), Traces.success(0, 0, 10, 20, Usage.of(1, 1), 0));
    p.tick();
    String s = sw.toString();
    assertThat(s).startsWith("\r\u001b[2K[").doesNotContain("\n");
    assertThat(s.split("\r\u001b\\[2K")).hasSize(3);
    assertThat(s).contains("[######..................] 1/4  25%");
    p.finish();
    assertThat(sw.toString()).endsWith(System.lineSeparator());
  }

  @Test
  void nestedRunsDoNotGrowTheTotal() {
    FakeClock clock = new FakeClock();
    ProgressListener l = new ProgressListener(clock);
    l.runStart("outer", "batch", 2);
    l.runStart("inner1", null, 1);
    var inner =
        new io.chorus.core.CallEvent(
            "inner1", "inner1/0", 0, Traces.event(0, Traces.T0).request(), null, Traces.T0);
    l.callAdmitted(inner);
    assertThat(l.snapshot().inFlight()).isEqualTo(1);
    l.callEnd(inner, Traces.success(0, 0, 1, 2, Usage.of(10, 10), 0.5));
    l.runEnd("inner1", null);
    var outerTask = new io.chorus.core.CallEvent("outer", "outer/0", 0, null, "batch", Traces.T0);
    l.callEnd(outerTask, Traces.success(0, 0, 1, 2, Usage.ZERO, 0));
    ProgressSnapshot s = l.snapshot();
    assertThat(s.total()).isEqualTo(2);
    assertThat(s.done()).isEqualTo(1);
    assertThat(s.tokens()).isEqualTo(20);
    assertThat(s.costUsd()).isEqualTo(0.5);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void etaFollowsTheAveragePace() {
    ProgressSnapshot s = new ProgressSnapshot(100, 25, 0, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(10));
    assertThat(s.eta()).isEqualTo(Duration.ofSeconds(30));
    assertThat(new ProgressSnapshot(100, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(10)).eta())
        .isNull();
  }
}
