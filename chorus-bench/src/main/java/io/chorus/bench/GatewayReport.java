package io.chorus.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The BENCHMARKS.md section {@link GatewayLoad} writes: goals first, then every phase. */
final class GatewayReport {
  private GatewayReport() {}

  /** The goals of issue 19: added p99 at this rate, and CPU per request below every peer. */
  static final int GOAL_RATE = 2000;

  static final double GOAL_ADDED_P99_MS = 1.0;

  static final String CHORUS = "chorus";

  static Optional<GatewayLoad.Phase> find(
      List<GatewayLoad.Phase> phases, String target, boolean stream, int rate) {
    return phases.stream()
        .filter(p -> p.target().equals(target) && p.stream() == stream && p.rate() == rate)
        .findFirst();
  }

  static String render(
      String command,
      Instant began,
      Instant ended,
      String loadBefore,
      String loadAfter,
      double seconds,
      int tokens,
      String facts,
      String baseline,
      List<GatewayLoad.Phase> phases) {
    StringBuilder sb = new StringBuilder();
    sb.append("- **command**: `").append(command).append("`\n");
    sb.append("- **run**: ").append(began).append(" to ").append(ended).append('\n');
    sb.append("- **machine**: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores shared with other work, load average ")
        .append(loadBefore)
        .append(" at the start, ")
        .append(loadAfter)
        .append(" at the end (1, 5, 15 min)\n");
    if (!facts.isBlank()) {
      for (String f : facts.split("\\|")) {
        sb.append("- ").append(f.trim()).append('\n');
      }
    }
    sb.append(
            fmt(
                "- **workload**: `POST /v1/chat/completions`, `gpt-4o-mini`, max_tokens %d (a %d-token"
                    + " answer; streamed: %d content chunks), open loop at a constant arrival rate,"
                    + " %.0f s measured per cell after a warm-up at the same rate; latency from each"
                    + " request's due time to its last byte, measured by the client",
                tokens, tokens, tokens, seconds))
        .append("\n\n");
    List<String> peers =
        phases.stream()
            .map(GatewayLoad.Phase::target)
            .distinct()
            .filter(t -> !t.equals(baseline) && !t.equals(CHORUS))
            .toList();
    sb.append("### Goals\n\n| goal | mode | measured | status |\n|---|---|---|---|\n");
    for (boolean stream : new boolean[] {false, true}) {
      var c = find(phases, CHORUS, stream, GOAL_RATE);
      var b = find(phases, baseline, stream, GOAL_RATE);
      if (c.isEmpty() || b.isEmpty()) {
        continue;
      }
      double added = c.get().p99Ms() - b.get().p99Ms();
      sb.append(
          fmt(
              "| ≤ %.0f ms added p99 at %,d requests/s | %s | %.2f ms (p99 %.2f ms vs %.2f ms"
                  + " direct)%s | %s |\n",
              GOAL_ADDED_P99_MS,
              GOAL_RATE,
              stream ? "streamed" : "plain",
              added,
              c.get().p99Ms(),
              b.get().p99Ms(),
              c.get().errors() > 0 ? ", " + c.get().errors() + " errors" : "",
              added <= GOAL_ADDED_P99_MS && c.get().errors() == 0 ? "met" : "MISSED"));
    }
    for (boolean stream : new boolean[] {false, true}) {
      for (int rate : phases.stream().map(GatewayLoad.Phase::rate).distinct().toList()) {
        var c = find(phases, CHORUS, stream, rate);
        if (c.isEmpty() || peers.isEmpty()) {
          continue;
        }
        StringBuilder vs = new StringBuilder();
        boolean met = true;
        for (String peer : peers) {
          var p = find(phases, peer, stream, rate);
          if (p.isEmpty()) {
            continue;
          }
          vs.append(
              fmt(
                  "; %s %.0f µs (%.1f×)",
                  peer,
                  p.get().cpuUsPerRequest(),
                  p.get().cpuUsPerRequest() / c.get().cpuUsPerRequest()));
          met &= c.get().cpuUsPerRequest() < p.get().cpuUsPerRequest();
        }
        sb.append(
            fmt(
                "| less CPU per request than every peer, %,d requests/s | %s | chorus %.0f µs%s |"
                    + " %s |\n",
                rate,
                stream ? "streamed" : "plain",
                c.get().cpuUsPerRequest(),
                vs,
                met ? "met" : "MISSED"));
      }
    }
    for (boolean stream : new boolean[] {false, true}) {
      if (phases.stream().noneMatch(p -> p.stream() == stream)) {
        continue;
      }
      sb.append(stream ? "\n### Streamed (`\"stream\": true`)\n\n" : "\n### Plain\n\n");
      sb.append(
          "| rate/s | target | ok / sent | p50 ms | p99 ms | max ms | added p50 ms | added p99 ms |"
              + (stream ? " first byte p50 / p99 ms |" : "")
              + " CPU µs per request | simulator CPU µs per request | load average |\n");
      sb.append("|---|---|---|---|---|---|---|---|" + (stream ? "---|" : "") + "---|---|---|\n");
      for (GatewayLoad.Phase p : phases) {
        if (p.stream() != stream) {
          continue;
        }
        var b = find(phases, baseline, stream, p.rate()).orElse(p);
        boolean isBase = p.target().equals(baseline);
        sb.append(
            fmt(
                "| %,d | %s | %d / %d | %.2f | %.2f | %.1f | %s | %s |%s %s | %.0f | %s |\n",
                p.rate(),
                isBase ? p.target() + " (the simulator, no gateway)" : p.target(),
                p.ok(),
                p.sent(),
                p.p50Ms(),
                p.p99Ms(),
                p.maxMs(),
                isBase ? "—" : fmt("%.2f", p.p50Ms() - b.p50Ms()),
                isBase ? "—" : fmt("%.2f", p.p99Ms() - b.p99Ms()),
                stream ? fmt(" %.2f / %.2f |", p.firstByteP50Ms(), p.firstByteP99Ms()) : "",
                isBase ? "—" : fmt("%.0f", p.cpuUsPerRequest()),
                p.simCpuUsPerRequest(),
                p.load()));
      }
    }
    sb.append('\n');
    return sb.toString();
  }

  static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
