package io.chorus.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.internal.Json;
import io.chorus.core.Attempt;
import io.chorus.core.CallRecord;
import io.chorus.core.PriceTable;
import io.chorus.core.Usage;
import io.chorus.observe.RunTrace;
import io.chorus.observe.TraceStats;
import java.time.Instant;

/** A {@link RunTrace} as one JSON document: summary and every call with its attempts. */
public final class JsonReport {

  private JsonReport() {}

  /** {@link #toTree(RunTrace, CostFigures)} priced at the default list prices, calls one by one. */
  public static ObjectNode toTree(RunTrace t) {
    return toTree(t, CostFigures.of(t, PriceTable.defaults()));
  }

  /**
   * The document as a tree, with {@code cost} (from {@link CostFigures#of(RunTrace, PriceTable,
   * java.util.Set)} over {@code t}) as {@code summary.cost}.
   */
  public static ObjectNode toTree(RunTrace t, CostFigures cost) {
    TraceStats s = t.stats();
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("title", t.title());
    root.put("synthetic", t.synthetic());
    if (t.synthetic()) {
      t.syntheticModels().forEach(root.putArray("synthetic_models")::add);
    }
    ArrayNode ids = root.putArray("run_ids");
    t.runIds().forEach(ids::add);
    root.put("started_at", str(t.startedAt()));
    root.put("ended_at", str(t.endedAt()));
    root.put("elapsed_ms", t.elapsed().toMillis());
    ObjectNode sum = root.putObject("summary");
    sum.put("calls", s.calls());
    ObjectNode by = sum.putObject("outcomes");
    s.byOutcome().forEach(by::put);
    usage(sum.putObject("usage"), s.usage());
    sum.put("cost_usd", s.costUsd());
    ObjectNode money = sum.putObject("cost");
    money.put("total_usd", cost.costUsd());
    money.put("per_success_usd", cost.perSuccessUsd());
    money.put("cache_write_tokens", cost.cacheWriteTokens());
    money.put("cache_read_tokens", cost.cacheReadTokens());
    money.put("cache_saved_usd", cost.cacheSavedUsd());
    money.put("batch_saved_usd", cost.batchSavedUsd());
    money.put("calls_without_usage", cost.unreportedUsage());
    if (cost.unreportedNotice() != null) {
      money.put("notice", cost.unreportedNotice());
    }
    money.put("synthetic", cost.synthetic());
    percentiles(sum.putObject("latency_ms"), s.latencyMillis());
    percentiles(sum.putObject("time_to_first_token_ms"), s.firstTokenMillis());
    percentiles(sum.putObject("attempt_ms"), s.attemptMillis());
    sum.put("retries", s.retries());
    sum.put("hedges", s.hedges());
    sum.put("fallbacks", s.fallbacks());
    sum.put("cache_hits", s.cacheHits());
    sum.put("peak_in_flight", s.peakInFlight());
    sum.put("dead_letters", t.deadLetters());
    ArrayNode br = root.putArray("breaker_transitions");
    t.breakerTransitions().forEach(br::add);
    ArrayNode calls = root.putArray("calls");
    for (CallRecord c : t.calls()) {
      ObjectNode n = calls.addObject();
      n.put("call_id", c.callId());
      n.put("run_id", c.runId());
      n.put("label", c.label());
      n.put("model", c.model());
      if (!c.metadata().isEmpty()) {
        ObjectNode md = n.putObject("metadata");
        c.metadata().forEach(md::put);
      }
      n.put("outcome", RunTrace.outcomeName(c.status()));
      n.put("error_kind", c.errorKind());
      n.put("error", c.errorMessage());
      n.put("queued_at", str(c.queuedAt()));
      n.put("admitted_at", str(c.admittedAt()));
      n.put("ended_at", str(c.endedAt()));
      n.put("cache_hit", c.cacheHit());
      usage(n.putObject("usage"), c.usage());
      n.put("cost_usd", c.costUsd());
      ArrayNode w = n.putArray("rate_limit_waits");
      for (CallRecord.Interval i : c.rateLimitWaits()) {
        w.addObject().put("start", str(i.start())).put("end", str(i.end()));
      }
      ArrayNode at = n.putArray("attempts");
      for (Attempt a : c.attempts()) {
        ObjectNode an = at.addObject();
        an.put("number", a.number());
        an.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
        an.put("model", String.valueOf(a.model()));
        an.put("started_at", str(a.startedAt()));
        an.put("first_token_at", str(a.firstTokenAt()));
        an.put("ended_at", str(a.endedAt()));
        an.put("result", a.result().name().toLowerCase(java.util.Locale.ROOT));
        an.put("error_kind", a.errorKind());
      }
    }
    return root;
  }

  public static String render(RunTrace t) {
    return render(t, null);
  }

  /** The document with a pattern's result (or null) as {@code result}, before the calls. */
  public static String render(RunTrace t, PatternSection result) {
    return render(t, result, CostFigures.of(t, PriceTable.defaults()));
  }

  /**
   * The document with a pattern's result (or null) as {@code result}, before the calls, and {@code
   * cost} as {@code summary.cost}.
   */
  public static String render(RunTrace t, PatternSection result, CostFigures cost) {
    try {
      ObjectNode tree = toTree(t, cost);
      if (result != null) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("title", t.title());
        out.put("synthetic", t.synthetic());
        out.set("result", Json.PRETTY.readTree(result.json()));
        out.setAll(tree);
        tree = out;
      }
      return Json.PRETTY.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void usage(ObjectNode n, Usage u) {
    n.put("input_tokens", u.inputTokens());
    n.put("output_tokens", u.outputTokens());
    n.put("cache_write_tokens", u.cacheWriteTokens());
    n.put("cache_read_tokens", u.cacheReadTokens());
  }

  private static void percentiles(ObjectNode n, long[] p) {
    for (int i = 0; i < TraceStats.PERCENTILES.length; i++) {
      String k = "p" + (int) TraceStats.PERCENTILES[i];
      if (p[i] < 0) {
        n.putNull(k);
      } else {
        n.put(k, p[i]);
      }
    }
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
