package io.chorus.advisor.internal;

import io.chorus.advisor.ApproachResult;
import io.chorus.advisor.BenchReport;
import io.chorus.advisor.WorkloadResult;
import java.util.Locale;

/** Renders a {@link BenchReport} as fixed-width text tables. */
public final class ReportTable {
  private ReportTable() {}

  public static String render(BenchReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Benchmark %s on %d cores, Java %s, %s; %d warm-up + %d measured runs per approach%n",
            r.createdAt(),
            r.cpuCores(),
            r.javaVersion(),
            r.os(),
            r.warmups(),
            r.runs()));
    for (String note : r.notes()) sb.append("Note: ").append(note).append('\n');
    for (WorkloadResult w : r.workloads()) {
      sb.append(
          String.format(
              Locale.ROOT, "%n%s (%s): %s%n", w.name(), w.type().label(), w.description()));
      String fmt = "%-40s %10s %10s %10s %10s %9s %9s %8s  %s%n";
      sb.append(
          String.format(
              Locale.ROOT,
              fmt,
              "approach",
              "min ms",
              "median ms",
              "max ms",
              "cpu ms",
              "heap MB",
              "rss MB",
              "speedup",
              "reading"));
      for (ApproachResult a : w.results()) {
        if (!a.ok()) {
          sb.append(String.format(Locale.ROOT, "%-40s failed: %s%n", a.label(), a.error()));
          continue;
        }
        sb.append(
            String.format(
                Locale.ROOT,
                fmt,
                a.label(),
                num(a.minWallMs()),
                num(a.medianWallMs()),
                num(a.maxWallMs()),
                a.medianCpuMs() < 0 ? "-" : num(a.medianCpuMs()),
                opt(a.peakHeapMb()),
                opt(a.peakRssMb()),
                a.speedup() == null ? "-" : speedup(a.speedup()),
                a.reading() != null
                    ? a.reading().sentence()
                    : a.approach() == io.chorus.advisor.Approach.SEQUENTIAL ? "baseline" : ""));
      }
    }
    return sb.toString();
  }

  /** Two decimals, or three where two would round across a reading boundary (0.999 is not 1.00). */
  public static String speedup(double s) {
    for (double b : new double[] {1.0, 1.2, 2.0})
      if (Math.abs(s - b) < 0.005 && s != b) return String.format(Locale.ROOT, "%.3fx", s);
    return String.format(Locale.ROOT, "%.2fx", s);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String opt(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }
}
