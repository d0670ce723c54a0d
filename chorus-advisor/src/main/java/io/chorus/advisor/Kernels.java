package io.chorus.advisor;

import io.chorus.advisor.internal.CommandWorkload;
import io.chorus.advisor.internal.CpuKernel;
import io.chorus.advisor.internal.SimulatedApi;
import io.chorus.advisor.internal.WorkloadSpecs;
import java.time.Duration;
import java.util.List;

/** The built-in workloads, and the two ways to bring your own. */
public final class Kernels {
  private Kernels() {}

  /** The CPU kernel: {@code tasks} tasks, each summing square roots of i² for i &lt; n. */
  public static Workload cpu(long n, int tasks) {
    return new CpuKernel(n, tasks);
  }

  /**
   * I/O kernel: {@code tasks} Anthropic Messages calls (JDK HttpClient) to an in-process Chorus
   * simulator on 127.0.0.1 whose model answers after a fixed {@code latency}. Starts the simulator
   * now; close the workload (or let {@link BenchHarness#run()} close it) to stop it.
   */
  public static Workload io(Duration latency, int tasks) {
    return SimulatedApi.kernel(latency, 0, tasks);
  }

  /**
   * Mixed kernel: each task fetches as {@link #io} does, then sums square roots up to {@code n}.
   */
  public static Workload mixed(Duration latency, long n, int tasks) {
    if (n < 1) throw new IllegalArgumentException("mixed kernel: n must be at least 1, got " + n);
    return SimulatedApi.kernel(latency, n, tasks);
  }

  /**
   * A user's command, run {@code runs} times per measured run; {@code type} says what it is for the
   * advisor.
   */
  public static Workload command(WorkloadType type, int runs, List<String> command) {
    return new CommandWorkload(command, runs, type);
  }

  /**
   * A user's class on the classpath implementing {@link Workload} with a public no-arg constructor.
   *
   * @throws IllegalArgumentException naming the class and what is wrong with it
   */
  public static Workload ofClass(String className) {
    return WorkloadSpecs.ofClass(className);
  }
}
