package io.chorus.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the JVM it runs in: process CPU time (OperatingSystemMXBean), the peak heap in use
 * (sampled every 50 ms by a daemon platform thread, so that a virtual-thread pile-up cannot starve
 * it), the most heap left after a collection, and the peak resident set ({@code VmHWM} from {@code
 * /proc/self/status}).
 *
 * <p>Not thread-safe: one owner calls {@link #start()} then {@link #stop()}.
 */
final class ProcessMeter {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private volatile boolean running;
  private volatile long peakHeap;
  private volatile long peakLive = -1;
  private final java.util.Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
          .map(java.lang.management.MemoryPoolMXBean::getName)
          .collect(java.util.stream.Collectors.toSet());
  private Thread sampler;
  private long cpuStart;
  private long wallStart;
  private long cpuNanos;
  private long wallNanos;

  void start() {
    // heap left in use after every collection, from the collectors' notifications
    for (java.lang.management.GarbageCollectorMXBean gc :
        ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof javax.management.NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (n, handback) -> {
              if (!com.sun.management.GarbageCollectionNotificationInfo
                  .GARBAGE_COLLECTION_NOTIFICATION
                  .equals(n.getType())) {
                return;
              }
              var info =
                  com.sun.management.GarbageCollectionNotificationInfo.from(
                      (javax.management.openmbean.CompositeData) n.getUserData());
              long after = 0;
              for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                  after += e.getValue().getUsed();
                }
              }
              if (running && after > peakLive) {
                peakLive = after;
              }
            },
            null,
            null);
      }
    }
    running = true;
    peakHeap = memory.getHeapMemoryUsage().getUsed();
    sampler =
        Thread.ofPlatform()
            .daemon()
            .name("bench-meter")
            .start(
                () -> {
                  while (running) {
                    long used = memory.getHeapMemoryUsage().getUsed();
                    if (used > peakHeap) {
                      peakHeap = used;
                    }

                    try {
                      Thread.sleep(50);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    cpuStart = os.getProcessCpuTime();
    wallStart = System.nanoTime();
  }

  void stop() {
    wallNanos = System.nanoTime() - wallStart;
    cpuNanos = os.getProcessCpuTime() - cpuStart;
    running = false;
    sampler.interrupt();
  }

  double wallMs() {
    return wallNanos / 1e6;
  }

  double cpuMs() {
    return cpuNanos / 1e6;
  }

  double peakHeapMb() {
    return peakHeap / (1024.0 * 1024.0);
  }

  /**
   * The most heap left in use right after a garbage collection (live data, roughly), MB; -1 when
   * none ran.
   */
  double peakLiveHeapMb() {
    return peakLive < 0 ? -1 : peakLive / (1024.0 * 1024.0);
  }

  /** Peak RSS in MB from /proc/self/status, or -1 where there is no /proc. */
  static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kb) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: report unknown
    }
    return -1;
  }
}
