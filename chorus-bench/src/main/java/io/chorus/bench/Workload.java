package io.chorus.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives a peer's blocking call function the way a Java user would: one virtual thread per
 * workflow, a {@link Semaphore} bounding the workflows in flight, and within a workflow one virtual
 * thread per call. Measures the process while it runs and produces the {@link ClientResult}.
 */
final class Workload {
  /** One blocking call; throws when it fails. */
  @FunctionalInterface
  interface Call {
    void call(int index) throws Exception;
  }

  /** Classifies a failure for the error table (an HTTP status, an exception name). */
  @FunctionalInterface
  interface ErrorNamer {
    String name(Throwable error);
  }

  /**
   * Set to {@code true} to give a peer its ecosystem's usual client-side rate limiter, configured
   * to the scenario's published request limit (P3's {@code +limiter} rows).
   */
  static final String LIMITER_VARIABLE = "BENCH_LIMITER";

  private Workload() {}

  /** Whether this peer runs with its ecosystem's rate limiter ({@link #LIMITER_VARIABLE}). */
  static boolean limited() {
    return Boolean.parseBoolean(System.getenv(LIMITER_VARIABLE));
  }

  static ClientResult run(String client, ClientArgs args, Call call, ErrorNamer namer)
      throws InterruptedException {
    int w = args.workflows();
    double[] latencies = new double[w];
    LongAdder ok = new LongAdder();
    LongAdder errors = new LongAdder();
    Map<String, AtomicLong> kinds = new ConcurrentHashMap<>();
    Semaphore permits = new Semaphore(args.parallel());
    ProcessMeter meter = new ProcessMeter();
    meter.start();
    try (ExecutorService workflows = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < w; i++) {
        permits.acquire();
        int wf = i;
        workflows.submit(
            () -> {
              long t0 = System.nanoTime();
              try {
                runWorkflow(args, wf, call, namer, ok, errors, kinds);
              } finally {
                latencies[wf] = (System.nanoTime() - t0) / 1e6;
                permits.release();
              }
            });
      }
      workflows.shutdown();
      if (!workflows.awaitTermination(args.maxSeconds(), TimeUnit.SECONDS)) {
        workflows.shutdownNow();
        kinds.computeIfAbsent("client_gave_up", k -> new AtomicLong()).incrementAndGet();
      }
    }
    meter.stop();
    Map<String, Long> errorKinds = new java.util.TreeMap<>();
    kinds.forEach((k, v) -> errorKinds.put(k, v.get()));
    return new ClientResult(
        client,
        args.calls(),
        ok.sum(),
        errors.sum(),
        errorKinds,
        meter.wallMs(),
        meter.cpuMs(),
        meter.peakHeapMb(),
        ProcessMeter.peakRssMb(),
        meter.peakLiveHeapMb(),
        -1,
        -1,
        Percentiles.of(latencies, 0.5),
        Percentiles.of(latencies, 0.99),
        Percentiles.of(latencies, 1.0));
  }

  private static void runWorkflow(
      ClientArgs args,
      int wf,
      Call call,
      ErrorNamer namer,
      LongAdder ok,
      LongAdder errors,
      Map<String, AtomicLong> kinds) {
    int k = args.fanout();
    if (k == 1) {
      one(wf, call, namer, ok, errors, kinds);
      return;
    }
    try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int j = 0; j < k; j++) {
        int index = wf * k + j;
        calls.submit(() -> one(index, call, namer, ok, errors, kinds));
      }
    } // close() waits for every call of the workflow
  }

  private static void one(
      int index,
      Call call,
      ErrorNamer namer,
      LongAdder ok,
      LongAdder errors,
      Map<String, AtomicLong> kinds) {
    try {
      call.call(index);
      ok.increment();
    } catch (Throwable t) {
      errors.increment();
      kinds.computeIfAbsent(namer.name(t), x -> new AtomicLong()).incrementAndGet();
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Prints the result line and exits (non-daemon HTTP threads of some peers would keep the JVM up).
   */
  static void report(ClientResult r) {
    System.out.println(r.toLine());
    System.out.flush();
    System.exit(0);
  }
}
