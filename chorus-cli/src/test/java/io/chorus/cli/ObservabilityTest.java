package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.BreakerState;
import io.chorus.core.ModelId;
import io.chorus.core.Usage;
import io.chorus.observe.MetricsListener;
import io.chorus.testing.Traces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservabilityTest {

  @TempDir Path dir;

  @Test
  void theLogFileCarriesRunAndCallIds() throws Exception {
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "ask",
            "hi",
            "--model",
            "sim:instant",
            "--log-file",
            "chorus.log",
            "--quiet");
    assertThat(r.exitCode).as(r.toString()).isZero();
    String log = Files.readString(dir.resolve("chorus.log"));
    var m =
        Pattern.compile("run=(run_\\d{8}_\\d{6}_[0-9a-f]{4}) call=- io.chorus.run - run started")
            .matcher(log);
    assertThat(m.find()).as(log).isTrue();
    assertThat(log).contains("run=" + m.group(1) + " call=- io.chorus.run - run ended");
    assertThat(r.err).isEmpty();
  }

  @Test
  void verboseLogsEachCallWithItsCallId() {
    CliRun r = CliRun.run(dir, Map.of(), "ask", "hi", "--model", "sim:instant", "--verbose");
    assertThat(r.err)
        .containsPattern(
            "DEBUG run=run_\\S+ call=run_\\S+/0 io.chorus.run - attempt 1 \\(FIRST\\) to sim:instant");
  }

  @Test
  void metricsCountCallsTokensCostRetriesAndBreakerState() {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    MetricsListener l = new MetricsListener(reg);
    l.callEnd(Traces.event(0, Traces.T0), Traces.success(0, 0, 10, 100, Usage.of(100, 50), 0.25));
    l.callEnd(Traces.event(1, Traces.T0), Traces.retriedFailure(1));
    l.retryScheduled(Traces.event(1, Traces.T0), 2, Duration.ofMillis(10), "server_error");
    l.breakerTransition(ModelId.parse("sim:fast"), BreakerState.CLOSED, BreakerState.OPEN);
    assertThat(reg.counter("chorus.calls", "model", "sim:fast", "outcome", "success").count())
        .isEqualTo(1);
    assertThat(reg.counter("chorus.calls", "model", "sim:fast", "outcome", "failure").count())
        .isEqualTo(1);
    assertThat(reg.counter("chorus.tokens", "model", "sim:fast", "type", "input").count())
        .isEqualTo(100);
    assertThat(reg.counter("chorus.cost", "model", "sim:fast").count()).isEqualTo(0.25);
    assertThat(reg.counter("chorus.retries", "model", "sim:fast", "error", "server_error").count())
        .isEqualTo(1);
    assertThat(reg.get("chorus.breaker.state").gauge().value()).isEqualTo(2);
    assertThat(reg.get("chorus.call.latency").tag("outcome", "success").timer().count())
        .isEqualTo(1);
    String text = MetricsListener.format(reg);
    assertThat(text)
        .contains("chorus.breaker.state{model=sim:fast} 2")
        .contains("chorus.cost{model=sim:fast} 0.250000");
  }
}
