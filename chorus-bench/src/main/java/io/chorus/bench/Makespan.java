package io.chorus.bench;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makespan of a big fan-out against its ideal: N calls at concurrency C to a fake provider that
 * really sleeps L on each call's virtual thread. Ideal = ceil(N / C) x L. Prints measured / ideal
 * (1.00 is perfect) and its inverse, the efficiency (target at least 0.97).
 *
 * <p>Usage: {@code Makespan [N] [C] [L-millis]}, default 10000 1000 500. Ends with the {@code
 * RESULT} line of a {@link ClientResult}, which {@link PeerBench} puts in P1's table.
 */
public final class Makespan {
  private Makespan() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int c = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    Duration latency = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 500);
    FakeProvider fake = FakeProvider.builder("fake").latency(latency).build();
    List<ChatRequest> reqs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      reqs.add(ChatRequest.of("fake:m", "call " + i));
    }
    // Warm-up: the same fan-out through the same code paths (threads queueing at the bulkhead,
    // hand-over on release) against a zero-latency fake, so that class loading and JIT compilation
    // are not counted as makespan. The measured run then uses a fresh engine.
    for (int round = 0; round < 3; round++) {
      try (Engine warm =
          Engine.builder()
              .provider(FakeProvider.echo("fake"))
              .limits("fake", Limits.concurrency(c))
              .seed(1)
              .build()) {
        warm.callAll(Call.all(reqs), RunOptions.DEFAULT);
      }
    }
    try (Engine engine =
        Engine.builder().provider(fake).limits("fake", Limits.concurrency(c)).seed(1).build()) {
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long start = System.nanoTime();
      RunResult<ChatResponse> r = engine.callAll(Call.all(reqs), RunOptions.DEFAULT);
      long measured = System.nanoTime() - start;
      long cpu = os.getProcessCpuTime() - cpu0;
      long waves = (n + c - 1) / c;
      long ideal = waves * latency.toNanos();
      System.out.printf(
          "N=%d C=%d L=%d ms: successes=%d peak concurrency=%d%n",
          n, c, latency.toMillis(), r.successes().size(), fake.peakConcurrency());
      System.out.printf("ideal    = %d x %d ms = %.3f s%n", waves, latency.toMillis(), ideal / 1e9);
      System.out.printf("measured = %.3f s%n", measured / 1e9);
      System.out.printf(
          "measured / ideal = %.4f   (efficiency ideal / measured = %.4f)%n",
          (double) measured / ideal, (double) ideal / measured);
      System.out.printf(
          "process CPU during the run: %.3f s (%.1f us per call); system load average %.2f on %d cores%n",
          cpu / 1e9,
          cpu / 1e3 / n,
          os.getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      double[] latencies = new double[n];
      for (int i = 0; i < n; i++) {
        var t = r.outcomes().get(i).timeline();
        var from =
            t.admittedAt() != null ? t.admittedAt() : t.queuedAt(); // as ChorusClient measures
        latencies[i] = Duration.between(from, t.endedAt()).toNanos() / 1e6;
      }
      long ok = r.successes().size();
      var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      // the same RESULT line as the HTTP clients, for PeerBench's P1 table (no simulator behind it)
      System.out.println(
          new ClientResult(
                  "chorus-in-process",
                  n,
                  ok,
                  n - ok,
                  java.util.Map.of(),
                  measured / 1e6,
                  cpu / 1e6,
                  heap.getUsed() / 1048576.0,
                  ProcessMeter.peakRssMb(),
                  -1,
                  0,
                  0,
                  Percentiles.of(latencies, 0.5),
                  Percentiles.of(latencies, 0.99),
                  Percentiles.of(latencies, 1.0))
              .toLine());
    }
  }
}
