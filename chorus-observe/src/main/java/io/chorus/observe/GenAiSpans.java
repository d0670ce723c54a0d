package io.chorus.observe;

import io.chorus.core.Attempt;
import io.chorus.core.CallEvent;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.EngineListener;
import io.chorus.core.Outcome;
import io.chorus.core.RunResult;
import io.chorus.core.TimeSource;
import io.chorus.core.Usage;
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
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry spans from engine events, following the GenAI semantic conventions. The span tree
 * is run → pattern → call → attempt:
 *
 * <ul>
 *   <li>{@code chorus.run NAME}: the whole run. Opened by {@link #startRun} (the CLI opens one per
 *       command, {@code chorus.run vote}); without it, each top-level engine run is a {@code
 *       chorus.run LABEL} root of its own trace.
 *   <li>{@code chorus.pattern LABEL}: an engine run inside the run (the vote's fan-out, a section,
 *       a vote nested in a section), parented to the run or pattern whose task started it. A run of
 *       one call inside a task (a voter's {@code engine.call}) is no span of its own: its call
 *       hangs on the enclosing pattern.
 *   <li>{@code chat MODEL}: a client span per LLM call from queued to ended, with {@code
 *       gen_ai.operation.name}, {@code gen_ai.provider.name} (and the older {@code gen_ai.system}),
 *       {@code gen_ai.request.model}, {@code gen_ai.request.max_tokens}, {@code
 *       gen_ai.request.temperature}, {@code gen_ai.response.model}, {@code gen_ai.response.id},
 *       {@code gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens} (all input,
 *       cached or not), {@code gen_ai.usage.output_tokens}, {@code
 *       gen_ai.usage.cache_read.input_tokens}, {@code gen_ai.usage.cache_creation.input_tokens},
 *       {@code error.type}, and {@code chorus.synthetic} when the simulator served it.
 *   <li>{@code chat MODEL} children, one per attempt (first, retry, hedge, fallback), with {@code
 *       chorus.attempt.kind}, its own usage and {@code error.type}, and a {@code
 *       gen_ai.first_token} event.
 * </ul>
 *
 * Call and attempt spans are made when the call ends, with the timeline's own timestamps, so
 * listeners stay cheap while calls run. Prompts and answers are never recorded. Thread-safe.
 */
public final class GenAiSpans implements EngineListener {

  /** A run's span; {@code own} is false for a run of one that lends its parent's span. */
  private record RunSpan(Span span, boolean own) {}

  private final Tracer tracer;
  private final TimeSource time;
  private final Map<String, RunSpan> runs = new ConcurrentHashMap<>();
  private final RunNesting nesting = new RunNesting();
  private final AtomicReference<@Nullable Span> root = new AtomicReference<>();

  public GenAiSpans(Tracer tracer, TimeSource time) {
    this.tracer = tracer;
    this.time = time;
  }

  /**
   * Opens the {@code chorus.run NAME} span every top-level engine run started from now on is a
   * pattern of, until {@link #endRun}; {@code attributes} are set on it (say {@code
   * chorus.command}). A second call before {@code endRun} is ignored.
   */
  public void startRun(String name, Map<String, String> attributes) {
    SpanBuilder b =
        tracer
            .spanBuilder("chorus.run " + name)
            .setNoParent()
            .setStartTimestamp(time.now())
            .setAttribute("chorus.run.name", name);
    attributes.forEach(b::setAttribute);
    Span s = b.startSpan();
    if (!root.compareAndSet(null, s)) {
      s.end();
    }
  }

  /** Ends the span of {@link #startRun}, if open; {@code failure} (or null) sets its status. */
  public void endRun(@Nullable String failure) {
    Span s = root.getAndSet(null);
    if (s != null) {
      if (failure != null) {
        s.setStatus(StatusCode.ERROR, failure);
      }
      s.end(time.now());
    }
  }

  @Override
  public void runStart(String runId, String label, int tasks) {
    RunNesting.TaskRef from = nesting.current();
    RunSpan enclosing = from == null ? null : runs.get(from.runId());
    Span parent = enclosing != null ? enclosing.span() : root.get();
    if (parent != null && label == null && tasks == 1) {
      runs.put(runId, new RunSpan(parent, false));
      return;
    }
    String kind = parent == null ? "chorus.run" : "chorus.pattern";
    SpanBuilder b =
        tracer
            .spanBuilder(kind + (label == null ? "" : " " + label))
            .setStartTimestamp(time.now())
            .setAttribute("chorus.run_id", runId)
            .setAttribute("chorus.tasks", (long) tasks);
    if (label != null) {
      b.setAttribute("chorus.pattern", label);
    }
    b.setParent(parent == null ? Context.root() : Context.root().with(parent));
    runs.put(runId, new RunSpan(b.startSpan(), true));
  }

  @Override
  public void runEnd(String runId, RunResult<?> result) {
    RunSpan rs = runs.remove(runId);
    if (rs == null || !rs.own()) {
      return;
    }
    Span s = rs.span();
    if (result != null) {
      s.setAttribute("chorus.succeeded", (long) result.successes().size());
      s.setAttribute("chorus.failed", (long) result.failures().size());
      s.setAttribute("chorus.cost_usd", result.costUsd());
      if (result.failed()) {
        s.setStatus(StatusCode.ERROR, result.failure());
      }
    }
    s.end(result != null && result.endedAt() != null ? result.endedAt() : time.now());
  }

  @Override
  public void callAdmitted(CallEvent call) {
    nesting.taskAdmitted(call);
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    nesting.callEnded(call);
    ChatRequest req = call.request();
    if (req == null) {
      return;
    }
    var tl = outcome.timeline();
    RunSpan run = runs.get(call.runId());
    Span parent = run != null ? run.span() : root.get();
    boolean synthetic = tl.attempts().stream().anyMatch(Attempt::synthetic);
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
            .setAttribute("chorus.call_id", call.callId())
            .setAttribute("chorus.attempts", (long) tl.attempts().size())
            .setAttribute("chorus.cost_usd", tl.costUsd());
    usage(b, tl.usage());
    if (synthetic) {
      b.setAttribute("chorus.synthetic", true);
    }
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
      SpanBuilder ab =
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
              .setAttribute("chorus.attempt.result", a.result().name().toLowerCase(Locale.ROOT));
      if (a.usage() != null) {
        usage(ab, a.usage());
      }
      if (a.synthetic()) {
        ab.setAttribute("chorus.synthetic", true);
      }
      Span as = ab.startSpan();
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

  private static void usage(SpanBuilder b, Usage u) {
    b.setAttribute("gen_ai.usage.input_tokens", u.totalInputTokens());
    b.setAttribute("gen_ai.usage.output_tokens", u.outputTokens());
    b.setAttribute("gen_ai.usage.cache_read.input_tokens", u.cacheReadTokens());
    b.setAttribute("gen_ai.usage.cache_creation.input_tokens", u.cacheWriteTokens());
  }
}
