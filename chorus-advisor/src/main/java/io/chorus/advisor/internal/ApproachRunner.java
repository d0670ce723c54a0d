package io.chorus.advisor.internal;

import io.chorus.advisor.Approach;
import io.chorus.advisor.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** Runs all tasks of a workload once under one approach and measures it. */
public final class ApproachRunner {
  private final HarnessSettings settings;

  public ApproachRunner(HarnessSettings settings) {
    this.settings = settings;
  }

  /** Workers an approach uses for {@code tasks} tasks (0 = one per task). */
  public int workers(Approach approach, int tasks) {
    return switch (approach) {
      case SEQUENTIAL -> 1;
      case VIRTUAL_THREADS ->
          settings.maxConcurrency() > 0 ? Math.min(settings.maxConcurrency(), tasks) : 0;
      case BOUNDED_PLATFORM_POOL, HYBRID -> settings.poolSize();
      case FORK_JOIN ->
          java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1; // + the caller
      case PROCESSES -> Math.min(settings.processes(), tasks);
    };
  }

  /** One measured run. */
  public RunSample run(Workload w, Approach approach) throws Exception {
    long cpu0 = ProcStatus.processCpuNanos();
    long start;
    long wall;
    long childCpu = 0;
    long childRssKb = 0;
    MemorySampler sampler = MemorySampler.start(settings.sampleEvery());
    try {
      start = System.nanoTime();
      if (approach == Approach.PROCESSES) {
        List<ChildResult> children = runProcesses(w);
        wall = System.nanoTime() - start;
        for (ChildResult c : children) {
          childCpu += Math.max(0, c.cpuNanos());
          childRssKb += Math.max(0, c.hwmKb());
        }
      } else {
        runInProcess(w, approach);
        wall = System.nanoTime() - start;
      }
    } finally {
      sampler.close();
    }
    long cpu1 = ProcStatus.processCpuNanos();
    long cpu = cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0 + childCpu;
    long rss = sampler.peakRssKb() < 0 ? -1 : sampler.peakRssKb() + childRssKb;
    return new RunSample(wall, cpu, sampler.peakHeapBytes(), rss);
  }

  private static void task(Workload w, int i) throws Exception {
    w.compute(i, w.fetch(i));
  }

  private void runInProcess(Workload w, Approach approach) throws Exception {
    int n = w.tasks();
    switch (approach) {
      case SEQUENTIAL -> {
        for (int i = 0; i < n; i++) task(w, i);
      }
      case VIRTUAL_THREADS -> {
        Semaphore permits =
            settings.maxConcurrency() > 0 ? new Semaphore(settings.maxConcurrency()) : null;
        try (ExecutorService vts = Executors.newVirtualThreadPerTaskExecutor()) {
          awaitAll(
              submitAll(
                  vts,
                  n,
                  i -> {
                    if (permits == null) {
                      task(w, i);
                      return;
                    }
                    permits.acquire();
                    try {
                      task(w, i);
                    } finally {
                      permits.release();
                    }
                  }));
        }
      }
      case BOUNDED_PLATFORM_POOL -> {
        try (ExecutorService pool = Executors.newFixedThreadPool(settings.poolSize())) {
          awaitAll(submitAll(pool, n, i -> task(w, i)));
        }
      }
      case FORK_JOIN ->
          IntStream.range(0, n)
              .parallel()
              .forEach(
                  i -> {
                    try {
                      task(w, i);
                    } catch (Exception e) {
                      throw new TaskFailure(i, e);
                    }
                  });
      case HYBRID -> {
        Semaphore permits =
            settings.maxConcurrency() > 0 ? new Semaphore(settings.maxConcurrency()) : null;
        try (ExecutorService cpuPool = Executors.newFixedThreadPool(settings.poolSize());
            ExecutorService vts = Executors.newVirtualThreadPerTaskExecutor()) {
          awaitAll(
              submitAll(
                  vts,
                  n,
                  i -> {
                    Object fetched;
                    if (permits != null) permits.acquire();
                    try {
                      fetched = w.fetch(i);
                    } finally {
                      if (permits != null) permits.release();
                    }
                    // The virtual thread parks here while a platform thread does the CPU part.
                    cpuPool
                        .submit(
                            () -> {
                              w.compute(i, fetched);
                              return null;
                            })
                        .get();
                  }));
        }
      }
      case PROCESSES -> throw new IllegalStateException("processes run through runProcesses");
    }
  }

  @FunctionalInterface
  private interface IndexedTask {
    void run(int index) throws Exception;
  }

  private static List<Future<?>> submitAll(ExecutorService ex, int n, IndexedTask t) {
    List<Future<?>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      futures.add(
          ex.submit(
              () -> {
                t.run(index);
                return null;
              }));
    }
    return futures;
  }

  private static void awaitAll(List<Future<?>> futures) throws Exception {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception ex) throw ex;
        throw e;
      }
    }
  }

  private List<ChildResult> runProcesses(Workload w) throws IOException, InterruptedException {
    int n = w.tasks();
    int p = Math.min(settings.processes(), n);
    String spec = w.childSpec();
    List<Process> procs = new ArrayList<>(p);
    List<Thread> readers = new ArrayList<>(p);
    List<StringBuilder> outputs = new ArrayList<>(p);
    try {
      for (int k = 0; k < p; k++) {
        int from = (int) ((long) n * k / p);
        int to = (int) ((long) n * (k + 1) / p);
        List<String> cmd = new ArrayList<>(settings.javaCommand());
        cmd.add(WorkerMain.class.getName());
        cmd.add(spec);
        cmd.add(Integer.toString(from));
        cmd.add(Integer.toString(to));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        procs.add(proc);
        StringBuilder out = new StringBuilder();
        outputs.add(out);
        // Drain each child's output on its own thread so a chatty child cannot block on a full
        // pipe.
        readers.add(Thread.ofVirtual().start(() -> drain(proc, out)));
      }
      List<ChildResult> results = new ArrayList<>(p);
      for (int k = 0; k < p; k++) {
        Process proc = procs.get(k);
        if (!proc.waitFor(30, TimeUnit.MINUTES))
          throw new IOException("child JVM " + k + " did not finish in 30 minutes");
        readers.get(k).join();
        String out = outputs.get(k).toString();
        ChildResult r = null;
        for (String line : out.split("\n")) {
          if (line.startsWith(ChildResult.MARKER)) r = ChildResult.parse(line.trim());
        }
        if (proc.exitValue() != 0 || r == null)
          throw new IOException(
              "child JVM " + k + " exited with " + proc.exitValue() + ": " + tail(out));
        results.add(r);
      }
      return results;
    } finally {
      for (Process proc : procs) if (proc.isAlive()) proc.destroyForcibly();
    }
  }

  private static void drain(Process proc, StringBuilder out) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) out.append(line).append('\n');
    } catch (IOException e) {
      out.append("(output lost: ").append(e.getMessage()).append(")\n");
    }
  }

  private static String tail(String s) {
    String t = s.strip();
    return t.length() <= 800 ? t : "..." + t.substring(t.length() - 800);
  }

  /** Carries a task's checked exception out of a parallel stream. */
  static final class TaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TaskFailure(int index, Exception cause) {
      super("task " + index + " failed: " + cause, cause);
    }
  }
}
