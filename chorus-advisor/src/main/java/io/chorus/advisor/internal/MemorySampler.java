package io.chorus.advisor.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples heap used and VmRSS on a daemon platform thread while a run is measured, keeping the
 * peaks. Sampling (rather than one reading at the end) is what catches the transient peak of a
 * thousand threads' stacks. Start with {@link #start}, stop with {@link #close()}.
 */
public final class MemorySampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong peakRssKb = new AtomicLong(-1);
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  private MemorySampler(Duration every) {
    sample();
    long nanos = every.toNanos();
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("chorus-bench-sampler")
            .start(
                () -> {
                  try {
                    // The latch doubles as the sampling clock: it wakes us at the period or at
                    // stop.
                    while (!stop.await(nanos, TimeUnit.NANOSECONDS)) sample();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
  }

  /** Starts sampling every {@code every}. */
  public static MemorySampler start(Duration every) {
    return new MemorySampler(every);
  }

  private void sample() {
    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    long rss = ProcStatus.rssKb();
    if (rss >= 0) peakRssKb.accumulateAndGet(rss, Math::max);
  }

  /** Highest heap used seen, in bytes. */
  public long peakHeapBytes() {
    return peakHeap.get();
  }

  /** Highest VmRSS seen in kB, or -1 if unavailable. */
  public long peakRssKb() {
    return peakRssKb.get();
  }

  /** Takes a last sample and stops the thread. */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
