package io.chorus.advisor.internal;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads this process's memory and CPU figures. Linux only for RSS: {@code /proc/self/status} has no
 * JDK API (the MXBeans report heap and committed virtual memory, not the resident set).
 */
public final class ProcStatus {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcStatus() {}

  /** Current resident set in kB, or -1 where /proc is not available. */
  public static long rssKb() {
    return field("VmRSS:");
  }

  /** Peak resident set (high-water mark) in kB, or -1 where /proc is not available. */
  public static long hwmKb() {
    return field("VmHWM:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** CPU time used by this whole process so far in ns, or -1 when the JVM does not report it. */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
