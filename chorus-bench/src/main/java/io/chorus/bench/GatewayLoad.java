package io.chorus.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load against OpenAI-compatible {@code /v1/chat/completions} endpoints, for {@code
 * scripts/gateway-bench.sh} (issue 19): the simulator called directly and each gateway in front of
 * it, at constant arrival rates, plain and streamed.
 *
 * <p>Open loop: request {@code i} is due at {@code start + i / rate} whatever happened to the ones
 * before it, and its latency is measured from that due time to the last byte of its response, so a
 * target that falls behind shows its queueing in the percentiles instead of slowing the generator
 * down (a closed loop would hide it: coordinated omission). Each request runs on its own virtual
 * thread; at most {@code --max-in-flight} are in flight, the rest wait (their wait counted).
 *
 * <p>CPU per request is the target process's CPU time ({@code utime + stime} of {@code
 * /proc/PID/stat}, all its threads) over the measured phase divided by the requests answered; the
 * phase runs from the first due time to the last response.
 *
 * <p>{@code matrix} mode: {@code --target NAME=URL,PID[,HEADER:VALUE;HEADER:VALUE]} (repeatable;
 * the first is the baseline the others' added latency is measured against), {@code --sim-pid PID},
 * {@code --rates 500,2000}, {@code --modes plain,stream}, {@code --seconds 10}, {@code --warmup 3},
 * {@code --out BENCHMARKS.md}, {@code --command TEXT}. {@code streams} mode: {@code --streams N
 * --url URL --ramp-rate R}: N concurrent streams opened at R per second, each read to its end.
 */
public final class GatewayLoad {

  private GatewayLoad() {}

  record Target(String name, URI url, long pid, Map<String, String> headers) {
    static Target parse(String spec) {
      int eq = spec.indexOf('=');
      String name = spec.substring(0, eq);
      String[] parts = spec.substring(eq + 1).split(",", 3);
      Map<String, String> headers = new LinkedHashMap<>();
      if (parts.length > 2 && !parts[2].isBlank()) {
        for (String h : parts[2].split(";")) {
          int c = h.indexOf(':');
          headers.put(h.substring(0, c), h.substring(c + 1));
        }
      }
      return new Target(name, URI.create(parts[0]), Long.parseLong(parts[1]), headers);
    }
  }

  /** One measured phase: a target at a rate, plain or streamed. */
  record Phase(
      String target,
      boolean stream,
      int rate,
      int sent,
      int ok,
      int errors,
      double p50Ms,
      double p99Ms,
      double maxMs,
      double firstByteP50Ms,
      double firstByteP99Ms,
      double cpuUsPerRequest,
      double simCpuUsPerRequest,
      double wallSeconds,
      String load) {}

  static final long TICK_NANOS = 1_000_000_000L / 100; // USER_HZ: 100 on Linux

  /** utime + stime of a process in nanoseconds, from /proc/PID/stat; -1 when unreadable. */
  static long cpuNanos(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state is field 3, utime 14, stime 15 (1-based) -> index 11 and 12 here
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static byte[] body(boolean stream, int maxTokens) {
    return ("{\"model\":\"gpt-4o-mini\",\"max_tokens\":"
            + maxTokens
            + (stream ? ",\"stream\":true" : "")
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the gateway benchmark\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Runs {@code rate * seconds} requests open-loop and measures them. */
  static Phase run(
      Target t, long simPid, boolean stream, int rate, double seconds, int maxInFlight, int tokens)
      throws InterruptedException {
    int n = (int) Math.round(rate * seconds);
    long[] latency = new long[n];
    long[] firstByte = new long[n];
    boolean[] good = new boolean[n];
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger firstError = new AtomicInteger();
    Semaphore slots = new Semaphore(maxInFlight);
    CountDownLatch finished = new CountDownLatch(n);
    String[] errorText = new String[1];
    try (LoadClient client = new LoadClient(t.url(), t.headers(), body(stream, tokens), 30_000)) {
      long cpu0 = cpuNanos(t.pid());
      long sim0 = cpuNanos(simPid);
      long interval = 1_000_000_000L / rate;
      long start = System.nanoTime() + 20_000_000L;
      for (int i = 0; i < n; i++) {
        long due = start + i * interval;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        int index = i;
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    slots.acquire();
                    try {
                      LoadClient.Result r = client.send();
                      latency[index] = r.endNanos() - due;
                      firstByte[index] = r.firstByteNanos() - due;
                      good[index] = r.status() == 200 && (!stream || r.done());
                      if (!good[index]) {
                        errors.incrementAndGet();
                        if (firstError.getAndIncrement() == 0) {
                          errorText[0] = "status " + r.status() + (r.done() ? "" : ", no [DONE]");
                        }
                      }
                    } finally {
                      slots.release();
                    }
                  } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                    if (firstError.getAndIncrement() == 0) {
                      errorText[0] = e.toString();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    finished.countDown();
                  }
                });
      }
      boolean all = finished.await(60, TimeUnit.SECONDS);
      long wall = System.nanoTime() - start;
      long cpu1 = cpuNanos(t.pid());
      long sim1 = cpuNanos(simPid);
      boolean[] answered = good.clone(); // requests still running past the wait do not count
      int ok = 0;
      for (boolean g : answered) {
        ok += g ? 1 : 0;
      }
      if (!all) {
        errorText[0] = (n - ok - errors.get()) + " requests unanswered after 60 s";
      }
      if (errorText[0] != null) {
        System.out.println("  " + t.name() + ": first error: " + errorText[0]);
      }
      double[] lat = new double[ok];
      double[] fb = new double[ok];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (answered[i]) {
          lat[k] = latency[i] / 1e6;
          fb[k++] = firstByte[i] / 1e6;
        }
      }
      double max = Arrays.stream(lat).max().orElse(0);
      return new Phase(
          t.name(),
          stream,
          rate,
          n,
          ok,
          n - ok,
          Percentiles.of(lat, 0.50),
          Percentiles.of(lat, 0.99),
          max,
          Percentiles.of(fb, 0.50),
          Percentiles.of(fb, 0.99),
          cpu0 < 0 || ok == 0 ? -1 : (cpu1 - cpu0) / 1e3 / ok,
          sim0 < 0 || ok == 0 ? -1 : (sim1 - sim0) / 1e3 / ok,
          wall / 1e9,
          loadAverage());
    }
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].equals("--target") && i + 1 < argv.length) {
        targets.add(Target.parse(argv[++i]));
      } else if (argv[i].startsWith("--") && i + 1 < argv.length) {
        opts.put(argv[i].substring(2), argv[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument '" + argv[i] + "'");
      }
    }
    if (opts.containsKey("streams")) {
      ConcurrentStreams.main(opts);
      return;
    }
    matrix(opts, targets);
  }

  private static void matrix(Map<String, String> opts, List<Target> targets) throws Exception {
    long simPid = Long.parseLong(opts.getOrDefault("sim-pid", "-1"));
    double seconds = Double.parseDouble(opts.getOrDefault("seconds", "10"));
    double warmup = Double.parseDouble(opts.getOrDefault("warmup", "3"));
    int maxInFlight = Integer.parseInt(opts.getOrDefault("max-in-flight", "512"));
    int tokens = Integer.parseInt(opts.getOrDefault("tokens", "16"));
    List<Integer> rates =
        Arrays.stream(opts.getOrDefault("rates", "500,2000").split(","))
            .map(Integer::parseInt)
            .toList();
    List<Boolean> modes =
        Arrays.stream(opts.getOrDefault("modes", "plain,stream").split(","))
            .map(m -> m.equals("stream"))
            .toList();
    Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String loadBefore = loadAverage();
    // long enough for the JIT (C2) to finish with the JVM targets while the machine is shared: the
    // first measured cell otherwise pays for compilation (1.4 ms CPU per request instead of 0.4)
    double first = Double.parseDouble(opts.getOrDefault("warmup-first", "15"));
    System.out.println("gateway-bench: warming every target up (" + first + " s per mode)");
    for (Target t : targets) {
      for (boolean stream : modes) {
        run(t, simPid, stream, 1000, first, maxInFlight, tokens);
      }
    }
    List<Phase> phases = new ArrayList<>();
    for (boolean stream : modes) {
      for (int rate : rates) {
        for (Target t : targets) {
          run(t, simPid, stream, rate, warmup, maxInFlight, tokens);
          Phase p = run(t, simPid, stream, rate, seconds, maxInFlight, tokens);
          System.out.println("  " + describe(p));
          phases.add(p);
        }
      }
    }
    Instant ended = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String md =
        GatewayReport.render(
            opts.getOrDefault("command", "scripts/gateway-bench.sh"),
            began,
            ended,
            loadBefore,
            loadAverage(),
            seconds,
            tokens,
            opts.getOrDefault("facts", ""),
            targets.get(0).name(),
            phases);
    System.out.println(md);
    if (opts.containsKey("out")) {
      Path out = Path.of(opts.get("out"));
      String doc = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
      Files.writeString(out, PeerBench.splice(doc, "gateway", md));
      System.out.println("gateway-bench: wrote " + out);
    }
  }

  static String describe(Phase p) {
    return String.format(
        Locale.ROOT,
        "%-8s %-6s %5d/s ok %d/%d p50 %.2f ms p99 %.2f ms max %.1f ms first byte p50 %.2f ms;"
            + " CPU %.0f us/request (sim %.0f us); load %s",
        p.target(),
        p.stream() ? "stream" : "plain",
        p.rate(),
        p.ok(),
        p.sent(),
        p.p50Ms(),
        p.p99Ms(),
        p.maxMs(),
        p.firstByteP50Ms(),
        p.cpuUsPerRequest(),
        p.simCpuUsPerRequest(),
        p.load());
  }
}
