package io.chorus.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallEvent;
import io.chorus.core.FailurePolicy;
import io.chorus.core.RunResult;
import io.chorus.core.Usage;
import io.chorus.testing.FakeClock;
import io.chorus.testing.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GenAiSpansTest {

  /** Keeps exported spans (the SDK's testing module is not a dependency). */
  static final class Collecting implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void callsBecomeGenAiClientSpansInsideTheRunSpanWithAttemptChildren() {
    Collecting exporter = new Collecting();
    FakeClock clock = new FakeClock();
    try (OtelSetup otel = new OtelSetup(exporter, clock)) {
      var l = otel.listener();
      l.runStart("run_1", "vote", 2);
      // a task of run_1 runs on this thread, and a nested labelled run starts inside it: a pattern
      CallEvent task = new CallEvent("run_1", "run_1/0", 0, null, "vote", Traces.T0);
      l.callAdmitted(task);
      l.runStart("nested", "section:Summary", 1);
      l.callEnd(
          new CallEvent(
              "nested", "nested/0", 0, Traces.event(0, Traces.T0).request(), null, Traces.T0),
          Traces.success(0, 10, 30, 200, Usage.of(120, 40), 0.002));
      l.runEnd("nested", null);
      l.callEnd(task, Traces.success(0, 10, 30, 200, Usage.of(120, 40), 0.002));
      l.callEnd(Traces.event(1, Traces.T0), Traces.retriedFailure(1));
      l.runEnd(
          "run_1",
          new RunResult<>(
              "run_1",
              List.of(),
              FailurePolicy.IGNORE,
              Traces.T0,
              Traces.T0.plusMillis(500),
              null));
    }
    SpanData run =
        exporter.spans.stream()
            .filter(s -> s.getName().equals("chorus.run vote"))
            .findFirst()
            .orElseThrow();
    List<SpanData> calls =
        exporter.spans.stream()
            .filter(
                s -> s.getName().equals("chat fast") && s.getParentSpanId().equals(run.getSpanId()))
            .toList();
    SpanData nestedRun =
        exporter.spans.stream()
            .filter(s -> s.getName().equals("chorus.pattern section:Summary"))
            .findFirst()
            .orElseThrow();
    assertThat(nestedRun.getParentSpanId()).isEqualTo(run.getSpanId());
    SpanData ok =
        exporter.spans.stream()
            .filter(
                s ->
                    "nested/0"
                        .equals(s.getAttributes().get(AttributeKey.stringKey("chorus.call_id"))))
            .findFirst()
            .orElseThrow();
    assertThat(ok.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(ok.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
        .isEqualTo("chat");
    assertThat(ok.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))
        .isEqualTo("sim");
    assertThat(ok.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
        .isEqualTo("fast");
    assertThat(ok.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(120);
    assertThat(ok.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
        .isEqualTo(40);
    assertThat(ok.getAttributes().get(AttributeKey.stringKey("gen_ai.response.id")))
        .isEqualTo("req");
    assertThat(ok.getStartEpochNanos())
        .isEqualTo(TimeUnit.SECONDS.toNanos(Traces.T0.getEpochSecond()));
    assertThat(ok.getEndEpochNanos() - ok.getStartEpochNanos())
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    SpanData failed =
        calls.stream()
            .filter(
                s ->
                    "run_1/1"
                        .equals(s.getAttributes().get(AttributeKey.stringKey("chorus.call_id"))))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("server_error");
    List<SpanData> attempts =
        exporter.spans.stream()
            .filter(s -> s.getParentSpanId().equals(failed.getSpanId()))
            .toList();
    assertThat(attempts).hasSize(3);
    assertThat(attempts)
        .extracting(s -> s.getAttributes().get(AttributeKey.stringKey("chorus.attempt.kind")))
        .containsExactlyInAnyOrder("first", "retry", "hedge");
    SpanData okAttempt =
        exporter.spans.stream()
            .filter(s -> s.getParentSpanId().equals(ok.getSpanId()))
            .findFirst()
            .orElseThrow();
    assertThat(okAttempt.getEvents())
        .extracting(e -> e.getName())
        .containsExactly("gen_ai.first_token");
    assertThat(exporter.spans).allMatch(s -> s.getTraceId().equals(run.getTraceId()));
    assertThat(ok.getParentSpanId()).isEqualTo(nestedRun.getSpanId());
  }

  @Test
  void aRunOfOneCallInsideATaskLendsTheEnclosingSpanAndTwoTopLevelRunsAreTwoTraces() {
    Collecting exporter = new Collecting();
    FakeClock clock = new FakeClock();
    try (OtelSetup otel = new OtelSetup(exporter, clock)) {
      var l = otel.listener();
      l.runStart("a", "vote", 1);
      CallEvent task = new CallEvent("a", "a/0", 0, null, "vote", Traces.T0);
      l.callAdmitted(task);
      l.runStart("one", null, 1); // a voter's engine.call
      l.callEnd(
          new CallEvent("one", "one/0", 0, Traces.event(0, Traces.T0).request(), null, Traces.T0),
          Traces.success(0, 10, 30, 200, Usage.of(120, 40), 0.002));
      l.runEnd("one", null);
      l.callEnd(task, Traces.success(0, 10, 30, 200, Usage.of(1, 1), 0));
      l.runEnd("a", null);
      l.runStart("b", "vote", 0); // a second vote started from the caller's thread
      l.runEnd("b", null);
    }
    SpanData a =
        exporter.spans.stream()
            .filter(s -> "a".equals(s.getAttributes().get(AttributeKey.stringKey("chorus.run_id"))))
            .findFirst()
            .orElseThrow();
    SpanData b =
        exporter.spans.stream()
            .filter(s -> "b".equals(s.getAttributes().get(AttributeKey.stringKey("chorus.run_id"))))
            .findFirst()
            .orElseThrow();
    SpanData call =
        exporter.spans.stream()
            .filter(
                s ->
                    s.getName().equals("chat fast")
                        && s.getAttributes().get(AttributeKey.stringKey("chorus.call_id")) != null)
            .findFirst()
            .orElseThrow();
    assertThat(exporter.spans)
        .noneMatch(
            s -> "one".equals(s.getAttributes().get(AttributeKey.stringKey("chorus.run_id"))));
    assertThat(call.getParentSpanId()).isEqualTo(a.getSpanId());
    assertThat(b.getName()).isEqualTo("chorus.run vote");
    assertThat(b.getTraceId()).isNotEqualTo(a.getTraceId());
  }
}
