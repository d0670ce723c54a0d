package io.chorus.observe;

import io.chorus.core.Attempt;
import io.chorus.core.CallEvent;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.EngineListener;
import io.chorus.core.Outcome;
import io.chorus.core.RunResult;
import io.chorus.core.TimeSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * OpenTelemetry spans from engine events, following the GenAI semantic conventions: one span per
 * run ({@code chorus.run}) and, inside it, one {@code chat MODEL} client span per LLM call from
 * queued to ended, with {@code gen_ai.operation.name}, {@code gen_ai.provider.name} (and the older
 * {@code gen_ai.system}), {@code gen_ai.request.model}, {@code gen_ai.request.max_tokens}, {@code
 * gen_ai.request.temperature}, {@code gen_ai.response.model}, {@code gen_ai.response.id}, {@code
 * gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens}, {@code
 * gen_ai.usage.output_tokens} and {@code error.type}. Each attempt (first, retry, hedge, fallback)
 * is a child span with a {@code gen_ai.first_token} event. Spans are made when the call ends, with
 * the timeline's own timestamps, so listeners stay cheap while calls run.
 *
 * <p>Runs nested in another run (a call inside a batch item, a vote inside a section) are parented
 * to the top-level run. Prompts and answers are not recorded. Thread-safe.
 */
public final class GenAiSpans implements EngineListener {

  private final Tracer tracer;
  private final TimeSource time;
  private final Map<String, Span> runs = new ConcurrentHashMap<>();
  private final AtomicReference<Span> topLevel = new AtomicReference<>();

  public GenAiSpans(Tracer tracer, TimeSource time) {
    this.tracer = tracer;
    this.time = time;
  }

  @Override
  public void runStart(String runId, String label, int tasks) {
    Span parent = topLevel.get();
    SpanBuilder b =
        tracer
            .spanBuilder("chorus.run" + (label == null ? "" : " " + label))
            .setStartTimestamp(time.now())
            .setAttribute("chorus.run_id", runId)
            .setAttribute("chorus.tasks", (long) tasks);
    b.setParent(parent == null ? Context.root() : Context.root().with(parent));
    Span s = b.startSpan();
    runs.put(runId, s);
    topLevel.compareAndSet(null, s);
  }

  @Override
  public void runEnd(String runId, RunResult<?> result) {
    Span s = runs.remove(runId);
    if (s == null) {
      return;
    }
    if (result != null) {
      s.setAttribute("chorus.succeeded", (long) result.successes().size());
      s.setAttribute("chorus.failed", (long) result.failures().size());
      if (result.failed()) {
        s.setStatus(StatusCode.ERROR, result.failure());
      }
    }
    s.end(result != null && result.endedAt() != null ? result.endedAt() : time.now());
    topLevel.compareAndSet(s, null);
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    ChatRequest req = call.request();
    if (req == null) {
      return;
    }
    var tl = outcome.timeline();
    Span parent = runs.getOrDefault(call.runId(), topLevel.get());
    SpanBuilder b =
        tracer
            .spanBuilder("chat " + req.model().model())
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parent == null ? Context.root() : Context.root().with(parent))
            .setStartTimestamp(tl.queuedAt())
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.provider.name", req.model().provider())
            .setAttribute("gen_ai.system", req.model().provider())
            .setAttribute("gen_ai.request.model", req.model().model())
            .setAttribute("gen_ai.request.max_tokens", (long) req.maxTokens())
            .setAttribute("gen_ai.usage.input_tokens", tl.usage().totalInputTokens())
            .setAttribute("gen_ai.usage.output_tokens", tl.usage().outputTokens())
            .setAttribute("chorus.call_id", call.callId())
            .setAttribute("chorus.attempts", (long) tl.attempts().size())
            .setAttribute("chorus.cost_usd", tl.costUsd());
    if (req.temperature() != null) {
      b.setAttribute("gen_ai.request.temperature", req.temperature());
    }
    if (outcome instanceof Outcome.Success<?> s && s.value() instanceof ChatResponse r) {
      b.setAttribute("gen_ai.response.model", r.model().model());
      if (r.requestId() != null) {
        b.setAttribute("gen_ai.response.id", r.requestId());
      }
      b.setAttribute(
          AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
          List.of(r.stopReason().name().toLowerCase(Locale.ROOT)));
    }
    Span span = b.startSpan();
    if (!outcome.isSuccess()) {
      span.setAttribute("error.type", String.valueOf(outcome.errorKind()));
      span.setStatus(StatusCode.ERROR, String.valueOf(outcome.errorMessage()));
    }
    Context ctx = Context.root().with(span);
    for (Attempt a : tl.attempts()) {
      Span as =
          tracer
              .spanBuilder("chat " + a.model().model())
              .setSpanKind(SpanKind.CLIENT)
              .setParent(ctx)
              .setStartTimestamp(a.startedAt())
              .setAttribute("gen_ai.operation.name", "chat")
              .setAttribute("gen_ai.provider.name", a.model().provider())
              .setAttribute("gen_ai.request.model", a.model().model())
              .setAttribute("chorus.attempt", (long) a.number())
              .setAttribute("chorus.attempt.kind", a.kind().name().toLowerCase(Locale.ROOT))
              .setAttribute("chorus.attempt.result", a.result().name().toLowerCase(Locale.ROOT))
              .startSpan();
      if (a.firstTokenAt() != null) {
        as.addEvent("gen_ai.first_token", Attributes.empty(), a.firstTokenAt());
      }
      if (a.errorKind() != null) {
        as.setAttribute("error.type", a.errorKind());
        as.setStatus(StatusCode.ERROR);
      }
      as.end(a.endedAt());
    }
    span.end(tl.endedAt());
  }
}
