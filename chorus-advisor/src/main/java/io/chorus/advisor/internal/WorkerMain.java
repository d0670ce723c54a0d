package io.chorus.advisor.internal;

import io.chorus.advisor.Workload;

/**
 * The small main that each child JVM of the processes approach runs: re-creates the workload from
 * its spec, runs tasks {@code [from, to)} one after another (like a process pool worker), then
 * prints its CPU time and peak RSS on a marker line for the parent.
 *
 * <p>Usage: {@code WorkerMain <spec-json> <from> <to>}. Exit code 0 on success, 1 when a task
 * failed (the stack trace goes to stdout, which the parent quotes), 2 on bad arguments.
 */
public final class WorkerMain {
  private WorkerMain() {}

  /** Entry point of a child JVM. */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.out.println("usage: WorkerMain <spec-json> <from> <to>");
      System.exit(2);
    }
    int from = Integer.parseInt(args[1]);
    int to = Integer.parseInt(args[2]);
    try (Workload w = WorkloadSpecs.fromSpec(args[0])) {
      for (int i = from; i < to; i++) w.compute(i, w.fetch(i));
    } catch (Exception e) {
      e.printStackTrace(System.out);
      System.out.flush();
      System.exit(1);
    }
    System.out.println(new ChildResult(ProcStatus.processCpuNanos(), ProcStatus.hwmKb()).line());
    System.out.flush();
    System.exit(0);
  }
}
