package io.chorus.advisor.internal;

import io.chorus.advisor.Workload;
import io.chorus.advisor.WorkloadType;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;

/** Built-in CPU kernel: {@code tasks} tasks, each summing square roots up to {@code n}. */
public final class CpuKernel implements Workload {
  private final long n;
  private final int tasks;
  private final DoubleAdder sink = new DoubleAdder();

  public CpuKernel(long n, int tasks) {
    if (n < 1) throw new IllegalArgumentException("cpu kernel: n must be at least 1, got " + n);
    if (tasks < 1)
      throw new IllegalArgumentException("cpu kernel: tasks must be at least 1, got " + tasks);
    this.n = n;
    this.tasks = tasks;
  }

  @Override
  public String name() {
    return "cpu-sqrt";
  }

  @Override
  public WorkloadType type() {
    return WorkloadType.CPU_BOUND;
  }

  @Override
  public int tasks() {
    return tasks;
  }

  @Override
  public void compute(int index, Object fetched) {
    sink.add(SquareRoots.sum(n));
  }

  /** Sum of all results so far (keeps the work observable). */
  public double total() {
    return sink.sum();
  }

  @Override
  public String description() {
    return String.format("%d tasks x sum of square roots to %,d", tasks, n);
  }

  @Override
  public String childSpec() {
    return Json.write(Map.of("kind", "cpu", "n", n, "tasks", tasks));
  }
}
