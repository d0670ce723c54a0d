package io.chorus.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many concurrent streams through a gateway ({@code scripts/gateway-bench.sh --streams N}): N
 * streamed chat completions opened at {@code --ramp-rate} per second, each on its own virtual
 * thread and connection, each read to its {@code data: [DONE]}; meanwhile the gateway process's
 * resident set and thread count are sampled from {@code /proc/PID/status}, and its heap is read
 * from its GC log ({@code -Xlog:gc:file=...}: the most heap in use before a collection and the most
 * left after one).
 */
final class ConcurrentStreams {
  private ConcurrentStreams() {}

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  static void main(Map<String, String> opts) throws Exception {
    int n = Integer.parseInt(opts.get("streams"));
    URI url = URI.create(opts.get("url"));
    int rampRate = Integer.parseInt(opts.getOrDefault("ramp-rate", "2000"));
    long pid = Long.parseLong(opts.getOrDefault("pid", "-1"));
    int tokens = Integer.parseInt(opts.getOrDefault("tokens", "50"));
    Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String loadBefore = GatewayLoad.loadAverage();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger peakOpen = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    String[] firstError = new String[1];
    long[] peakRssKb = {0};
    long[] peakThreads = {0};
    long[] sumStreamNanos = {0};
    long[] maxStreamNanos = {0};
    CountDownLatch done = new CountDownLatch(n);
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    long[] s = status(pid);
                    peakRssKb[0] = Math.max(peakRssKb[0], s[0]);
                    peakThreads[0] = Math.max(peakThreads[0], s[1]);
                    try {
                      Thread.sleep(200);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    long cpu0 = GatewayLoad.cpuNanos(pid);
    long start = System.nanoTime();
    try (LoadClient client =
        new LoadClient(url, Map.of(), GatewayLoad.body(true, tokens), 120_000)) {
      long interval = 1_000_000_000L / rampRate;
      for (int i = 0; i < n; i++) {
        long due = start + i * interval;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        Thread.ofVirtual()
            .start(
                () -> {
                  int now = open.incrementAndGet();
                  peakOpen.accumulateAndGet(now, Math::max);
                  try {
                    LoadClient.Result r = client.send();
                    if (r.status() == 200 && r.done()) {
                      ok.incrementAndGet();
                      long took = r.endNanos() - due;
                      synchronizedAdd(sumStreamNanos, maxStreamNanos, took);
                    } else {
                      fail(failed, firstError, "status " + r.status() + ", [DONE] " + r.done());
                    }
                  } catch (IOException | RuntimeException e) {
                    fail(failed, firstError, e.toString());
                  } finally {
                    open.decrementAndGet();
                    done.countDown();
                  }
                });
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        fail(failed, firstError, "streams still open after 10 minutes");
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    long cpu1 = GatewayLoad.cpuNanos(pid);
    sampler.interrupt();
    long[] s = status(pid);
    long hwmKb = s[2];
    double[] heap = gcLog(opts.get("gc-log"));
    String xmx = opts.getOrDefault("xmx", "?");
    StringBuilder md = new StringBuilder();
    md.append("- **command**: `")
        .append(opts.getOrDefault("command", "scripts/gateway-bench.sh --streams " + n))
        .append("`\n");
    md.append("- **run**: ")
        .append(began)
        .append(" to ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(", load average ")
        .append(loadBefore)
        .append(" at the start, ")
        .append(GatewayLoad.loadAverage())
        .append(" at the end\n");
    String facts = opts.getOrDefault("facts", "");
    for (String f : facts.split("\\|")) {
      if (!f.isBlank()) {
        md.append("- ").append(f.trim()).append('\n');
      }
    }
    md.append(
        GatewayReport.fmt(
            "\n| streams | opened at | completed to [DONE] | failed | most open at once |"
                + " wall s | mean / longest stream s | gateway heap: peak in use / most live after"
                + " GC / limit | gateway peak RSS MB | gateway peak threads | gateway CPU ms per"
                + " stream |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
                + "| %,d | %,d/s | %,d | %,d | %,d | %.1f | %.1f / %.1f | %s / %s / %s | %.0f | %d |"
                + " %.1f |\n",
            n,
            rampRate,
            ok.get(),
            failed.get(),
            peakOpen.get(),
            wall,
            ok.get() == 0 ? 0 : sumStreamNanos[0] / 1e9 / ok.get(),
            maxStreamNanos[0] / 1e9,
            heap[0] < 0 ? "?" : GatewayReport.fmt("%.0f MB", heap[0]),
            heap[1] < 0 ? "?" : GatewayReport.fmt("%.0f MB", heap[1]),
            xmx,
            Math.max(hwmKb, peakRssKb[0]) / 1024.0,
            peakThreads[0],
            cpu0 < 0 ? -1 : (cpu1 - cpu0) / 1e6 / Math.max(1, ok.get())));
    if (firstError[0] != null) {
      md.append("\nFirst failure: `").append(firstError[0]).append("`\n");
    }
    md.append('\n');
    System.out.println(md);
    if (opts.containsKey("out")) {
      Path out = Path.of(opts.get("out"));
      String doc = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
      Files.writeString(out, PeerBench.splice(doc, "gateway-streams-" + xmx, md.toString()));
      System.out.println("gateway-bench: wrote " + out);
    }
    if (failed.get() > 0) {
      System.exit(1);
    }
  }

  private static synchronized void synchronizedAdd(long[] sum, long[] max, long v) {
    sum[0] += v;
    max[0] = Math.max(max[0], v);
  }

  private static synchronized void fail(AtomicInteger failed, String[] first, String why) {
    failed.incrementAndGet();
    if (first[0] == null) {
      first[0] = why;
    }
  }

  /** VmRSS kB, Threads, VmHWM kB of a process; zeros when unreadable. */
  static long[] status(long pid) {
    long[] out = new long[3];
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          out[0] = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        } else if (line.startsWith("Threads:")) {
          out[1] = Long.parseLong(line.substring(8).trim());
        } else if (line.startsWith("VmHWM:")) {
          out[2] = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone: report what was sampled
    }
    return out;
  }

  /** The most heap in use before a collection and the most left after one, MB; -1 unknown. */
  static double[] gcLog(String file) {
    double before = -1;
    double after = -1;
    if (file == null) {
      return new double[] {before, after};
    }
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        Matcher m = GC.matcher(line);
        if (m.find()) {
          before = Math.max(before, Double.parseDouble(m.group(1)));
          after = Math.max(after, Double.parseDouble(m.group(2)));
        }
      }
    } catch (IOException e) {
      // no log: unknown
    }
    return new double[] {before, after};
  }
}
