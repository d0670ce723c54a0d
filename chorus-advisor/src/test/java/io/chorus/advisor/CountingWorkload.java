package io.chorus.advisor;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user-style workload for the tests: counts its tasks; loaded by class name (also in child JVMs).
 */
public class CountingWorkload implements Workload {
  static final AtomicInteger COMPUTED = new AtomicInteger();

  @Override
  public String name() {
    return "counting";
  }

  @Override
  public WorkloadType type() {
    return WorkloadType.CPU_BOUND;
  }

  @Override
  public int tasks() {
    return 4;
  }

  @Override
  public Object fetch(int index) {
    return index;
  }

  @Override
  public void compute(int index, Object fetched) {
    if (!Integer.valueOf(index).equals(fetched))
      throw new IllegalStateException("fetch/compute mismatch");
    COMPUTED.incrementAndGet();
  }
}
