package io.chorus.advisor.internal;

/** What a child JVM reported: its CPU time and its peak resident set (-1 when unknown). */
record ChildResult(long cpuNanos, long hwmKb) {
  /** The line {@link WorkerMain} prints last; the parent looks for it. */
  static final String MARKER = "CHORUS-WORKER";

  String line() {
    return MARKER + " cpuNanos=" + cpuNanos + " hwmKb=" + hwmKb;
  }

  static ChildResult parse(String line) {
    long cpu = -1;
    long hwm = -1;
    for (String part : line.substring(MARKER.length()).trim().split("\\s+")) {
      if (part.startsWith("cpuNanos=")) cpu = Long.parseLong(part.substring(9));
      if (part.startsWith("hwmKb=")) hwm = Long.parseLong(part.substring(6));
    }
    return new ChildResult(cpu, hwm);
  }
}
