package io.chorus.observe;

import io.chorus.core.CallRecord;
import io.chorus.core.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summary figures of a {@link RunTrace}: counts by outcome, tokens, cost, percentiles
 * (nearest-rank) of call latency (queued to ended, waits included), time to first token and attempt
 * duration (successful attempts on the wire), retries, hedges, cache hits and the peak number of
 * attempts in flight at once.
 */
public record TraceStats(
    int calls,
    Map<String, Integer> byOutcome,
    Usage usage,
    double costUsd,
    long[] latencyMillis,
    long[] firstTokenMillis,
    long[] attemptMillis,
    long retries,
    long hedges,
    long fallbacks,
    int cacheHits,
    int peakInFlight) {

  /** The percentiles reported, in order: p50, p90, p99. */
  public static final double[] PERCENTILES = {50, 90, 99};

  static TraceStats of(RunTrace trace) {
    List<CallRecord> calls = trace.llmCalls();
    Map<String, Integer> by = new TreeMap<>();
    Usage usage = Usage.ZERO;
    double cost = 0;
    List<Long> lat = new ArrayList<>();
    List<Long> ttft = new ArrayList<>();
    List<Long> service = new ArrayList<>();
    long retries = 0;
    long hedges = 0;
    long fallbacks = 0;
    int hits = 0;
    List<long[]> edges = new ArrayList<>();
    for (CallRecord c : calls) {
      by.merge(RunTrace.outcomeName(c.status()), 1, Integer::sum);
      usage = usage.plus(c.usage());
      cost += c.costUsd();
      if (c.succeeded()) {
        lat.add(c.elapsedMillis());
        long f = c.firstTokenMillis();
        if (f >= 0) {
          ttft.add(f);
        }
      }
      for (var a : c.attempts()) {
        edges.add(new long[] {micros(a.startedAt()), 1});
        edges.add(new long[] {micros(a.endedAt()), -1});
        if (a.result() == io.chorus.core.Attempt.Result.SUCCEEDED) {
          service.add(a.duration().toMillis());
        }
        switch (a.kind()) {
          case RETRY -> retries++;
          case HEDGE -> hedges++;
          case FALLBACK -> fallbacks++;
          default -> {}
        }
      }
      if (c.cacheHit()) {
        hits++;
      }
    }
    // peak concurrency counts attempts on the wire (what the limits bound); ends sort before starts
    // at the same instant, so back-to-back calls do not count as overlapping
    edges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    int cur = 0;
    int peak = 0;
    for (long[] e : edges) {
      cur += (int) e[1];
      peak = Math.max(peak, cur);
    }
    return new TraceStats(
        calls.size(),
        by,
        usage,
        cost,
        percentiles(lat),
        percentiles(ttft),
        percentiles(service),
        retries,
        hedges,
        fallbacks,
        hits,
        peak);
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  /** Nearest-rank percentiles {@link #PERCENTILES} of the values; -1s when there are none. */
  static long[] percentiles(List<Long> values) {
    long[] out = new long[PERCENTILES.length];
    if (values.isEmpty()) {
      Arrays.fill(out, -1);
      return out;
    }
    long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
    for (int i = 0; i < PERCENTILES.length; i++) {
      int rank = (int) Math.ceil(PERCENTILES[i] / 100.0 * v.length);
      out[i] = v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
    return out;
  }

  public int count(String outcome) {
    return byOutcome.getOrDefault(outcome, 0);
  }
}
