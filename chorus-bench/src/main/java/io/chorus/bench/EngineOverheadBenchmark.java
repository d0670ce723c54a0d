package io.chorus.bench;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.FakeProvider;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Engine overhead per call with a zero-latency fake provider: everything measured is the engine
 * (policies, events, bookkeeping), not transport.
 *
 * <ul>
 *   <li>{@code singleCall}: one {@link Engine#call} on the benchmark thread (a run of one, inline);
 *       single-threaded, so its time per op is its CPU per call.
 *   <li>{@code fanOut1000}: one {@link Engine#callAll} of 1,000 calls, each on its own virtual
 *       thread through a bulkhead of 64; per op is 1,000 calls. Process CPU time over each
 *       iteration is printed as CPU microseconds per call (all threads, GC included).
 * </ul>
 *
 * Run: {@code java -cp <chorus-bench classpath> org.openjdk.jmh.Main EngineOverhead -f 1 -wi 2 -i
 * 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineOverheadBenchmark {
  private Engine engine;
  private ChatRequest request;
  private List<ChatRequest> batch;
  private long cpuStart;
  private long callsStart;
  private long calls;

  @Setup(Level.Trial)
  public void setUp() {
    engine =
        Engine.builder()
            .provider(FakeProvider.echo("fake"))
            .limits("fake", Limits.concurrency(64))
            .seed(1)
            .build();
    request = ChatRequest.of("fake:m", "How much does the engine cost per call?");
    batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      batch.add(ChatRequest.of("fake:m", "question " + i));
    }
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    cpuStart = processCpuNanos();
    callsStart = calls;
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    long n = calls - callsStart;
    if (n > 0) {
      double us = (processCpuNanos() - cpuStart) / 1000.0 / n;
      System.out.printf(
          "%n[cpu] %.2f us CPU per call over %d calls (process CPU time, all threads)%n", us, n);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Benchmark
  public Outcome<ChatResponse> singleCall() {
    calls++;
    return engine.call(request);
  }

  @Benchmark
  public RunResult<ChatResponse> fanOut1000() {
    calls += 1000;
    return engine.callAll(Call.all(batch), RunOptions.DEFAULT);
  }
}
