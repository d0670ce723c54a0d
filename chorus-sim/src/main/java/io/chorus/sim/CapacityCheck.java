package io.chorus.sim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the simulator on this machine; not used by tests (it takes tens of seconds).
 *
 * <ul>
 *   <li>{@code CapacityCheck throughput [seconds=10] [connections=64]}: non-streaming calls/s at
 *       zero latency from keep-alive raw-socket clients in a child JVM, and the server process's
 *       CPU time per call (the figure that does not depend on how busy the machine is).
 *   <li>{@code CapacityCheck streams [n=10000] [active]}: n concurrent streaming requests held open
 *       at once. With {@code active}, every stream then sends ~100 tokens at 20 tokens/s after a 2
 *       s first token, all at the same time, and the clients read each to its {@code message_stop}.
 *       The clients run in a child JVM (same classpath) so each process needs only n file
 *       descriptors. Each client waits for its {@code message_start} event, so every connection is
 *       a live stream that the server is serving, not just an accepted socket.
 * </ul>
 */
public final class CapacityCheck {
  private CapacityCheck() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "throughput";
    switch (mode) {
      case "throughput" -> throughput(System.out, arg(args, 1, 10), (int) arg(args, 2, 64));
      case "streams" ->
          streams(
              System.out, (int) arg(args, 1, 10_000), args.length > 2 && args[2].equals("active"));
      case "load" ->
          loadClient(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]));
      case "client" -> client(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
      default ->
          throw new IllegalArgumentException(
              "usage: CapacityCheck throughput [seconds] [connections] | streams [n]");
    }
  }

  private static long arg(String[] args, int i, long dflt) {
    return args.length > i ? Long.parseLong(args[i]) : dflt;
  }

  /**
   * Result of a load run: calls counted after warm-up, errors, calls in all, CPU seconds in the
   * window.
   */
  record Load(long counted, long errors, long all, double cpuSeconds) {}

  /**
   * Runs {@code connections} keep-alive clients against {@code port} for 2 s of warm-up plus {@code
   * seconds}; {@code cpu} samples process CPU nanoseconds at the window's start and end.
   */
  static Load load(int port, long seconds, int connections, java.util.function.LongSupplier cpu)
      throws InterruptedException {
    byte[] body =
        "{\"model\":\"instant\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Say something short.\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] request =
        ("POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: bench\r\nanthropic-version: 2023-06-01\r\n"
                + "content-type: application/json\r\ncontent-length: "
                + body.length
                + "\r\n\r\n"
                + new String(body, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    AtomicLong calls = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong counted = new AtomicLong();
    long warmupEnd = System.nanoTime() + 2_000_000_000L;
    long end = warmupEnd + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                      s.setTcpNoDelay(true);
                      OutputStream o = s.getOutputStream();
                      InputStream in = new BufferedInputStream(s.getInputStream(), 16384);
                      while (true) {
                        long now = System.nanoTime();
                        if (now > end) {
                          return;
                        }
                        o.write(request);
                        o.flush();
                        if (readResponse(in) != 200) {
                          errors.incrementAndGet();
                        }
                        if (now > warmupEnd) {
                          counted.incrementAndGet();
                        }
                        calls.incrementAndGet();
                      }
                    } catch (IOException e) {
                      errors.incrementAndGet();
                    }
                  }));
    }
    Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
    long cpu0 = cpu.getAsLong();
    for (Thread t : threads) {
      t.join();
    }
    return new Load(counted.get(), errors.get(), calls.get(), (cpu.getAsLong() - cpu0) / 1e9);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Measures calls/s with the clients in a child JVM, and the server's own CPU per call; prints
   * both and returns calls/s.
   */
  public static double throughput(PrintStream out, long seconds, int connections) throws Exception {
    try (Simulator sim = Simulator.builder().start()) {
      String java = ProcessHandle.current().info().command().orElse("java");
      Process child =
          new ProcessBuilder(
                  java,
                  "-Xmx1g",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CapacityCheck.class.getName(),
                  "load",
                  Integer.toString(sim.port()),
                  Long.toString(seconds),
                  Integer.toString(connections))
              .redirectErrorStream(true)
              .start();
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      long cpu0 = 0;
      String line;
      String result = null;
      while ((line = reader.readLine()) != null) {
        if (line.equals("warm")) {
          cpu0 = processCpuNanos();
        } else if (line.startsWith("load ")) {
          result = line;
          break;
        } else {
          out.println("client: " + line);
        }
      }
      double serverCpu = (processCpuNanos() - cpu0) / 1e9;
      child.waitFor();
      if (result == null) {
        throw new IllegalStateException("the load client ended without a result");
      }
      String[] p = result.split(" ");
      long counted = Long.parseLong(p[1]);
      double rate = counted / (double) seconds;
      var os = ManagementFactory.getOperatingSystemMXBean();
      out.printf(
          "throughput: %,.0f calls/s (non-streaming, zero latency, %d keep-alive connections from a child JVM, %d s after"
              + " 2 s warm-up, %s errors)%n",
          rate, connections, seconds, p[2]);
      out.printf(
          "server cpu: %,.0f calls per CPU-second of the server process alone (%.1f µs CPU per call); load average %.1f"
              + " on %d cores while measuring%n",
          counted / serverCpu,
          serverCpu * 1e6 / counted,
          os.getSystemLoadAverage(),
          os.getAvailableProcessors());
      return rate;
    }
  }

  /**
   * Child process of {@link #throughput}: prints "warm" after warm-up, then "load COUNTED ERRORS".
   */
  private static void loadClient(int port, long seconds, int connections)
      throws InterruptedException {
    boolean[] warm = {false};
    Load l =
        load(
            port,
            seconds,
            connections,
            () -> {
              if (!warm[0]) { // the first sample marks the end of the warm-up for the parent
                warm[0] = true;
                System.out.println("warm");
                System.out.flush();
              }
              return 0;
            });
    System.out.println("load " + l.counted() + " " + l.errors());
    System.out.flush();
  }

  /** Reads one response with a Content-Length body; returns its status. */
  static int readResponse(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int status = -1;
    long length = 0;
    boolean first = true;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed");
      }
      if (b == '\n') {
        String l = line.toString().strip();
        line.setLength(0);
        if (first) {
          status = Integer.parseInt(l.substring(9, 12));
          first = false;
        } else if (l.isEmpty()) {
          break;
        } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
          length = Long.parseLong(l.substring(15).strip());
        }
      } else {
        line.append((char) b);
      }
    }
    in.skipNBytes(length);
    return status;
  }

  /**
   * Holds {@code n} streaming requests open at once; prints and returns the peak of open
   * connections.
   */
  public static long streams(PrintStream out, int n, boolean active) throws Exception {
    ModelBehaviour hold =
        ModelBehaviour.builder().ttft(Distribution.fixed(120_000)).tokensPerSecond(10).build();
    ModelBehaviour trickle =
        ModelBehaviour.builder().ttft(Distribution.fixed(2_000)).tokensPerSecond(20).build();
    try (Simulator sim =
        Simulator.builder().model("hold", hold).model("trickle", trickle).start()) {
      Runtime rt = Runtime.getRuntime();
      String java = ProcessHandle.current().info().command().orElse("java");
      Process child =
          new ProcessBuilder(
                  java,
                  "-Xmx1g",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CapacityCheck.class.getName(),
                  "client",
                  Integer.toString(sim.port()),
                  Integer.toString(n),
                  active ? "trickle" : "hold")
              .redirectErrorStream(true)
              .start();
      long start = System.nanoTime();
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      String report = null;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("streaming ")) {
          report = line;
          break;
        }
        out.println("client: " + line);
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      SimStats s = sim.stats();
      System.gc();
      long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
      out.printf(
          "streams: client says '%s'; server: %d open connections, peak %d, %d requests, all open after %d ms; "
              + "server heap in use after GC %d MB%n",
          report,
          s.openConnections(),
          s.peakConnections(),
          s.totals().requests(),
          elapsedMs,
          heapMb);
      if (active) {
        out.println("streams: client says '" + reader.readLine() + "'");
        out.printf("streams: server sent %,d output tokens%n", sim.stats().totals().outputTokens());
      }
      child.destroy();
      child.waitFor(30, TimeUnit.SECONDS);
      return s.peakConnections();
    }
  }

  /**
   * Child process: opens n streaming requests, waits for each one's message_start, then holds them.
   */
  private static void client(int port, int n, String model) throws Exception {
    byte[] body =
        ("{\"model\":\""
                + model
                + "\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hold on.\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] request =
        ("POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: cap\r\nanthropic-version: 2023-06-01\r\n"
                + "content-type: application/json\r\ncontent-length: "
                + body.length
                + "\r\n\r\n"
                + new String(body, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    CountDownLatch started = new CountDownLatch(n);
    CountDownLatch done = new CountDownLatch(n);
    AtomicLong failed = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    List<Socket> sockets = new ArrayList<>(n);
    java.util.concurrent.Semaphore connecting =
        new java.util.concurrent.Semaphore(512); // stay under the accept backlog
    for (int i = 0; i < n; i++) {
      connecting.acquire();
      Thread.ofVirtual()
          .start(
              () -> {
                boolean[] counted = {false};
                try {
                  Socket s = new Socket("127.0.0.1", port);
                  synchronized (sockets) {
                    sockets.add(s);
                  }
                  s.getOutputStream().write(request);
                  s.getOutputStream().flush();
                  InputStream in = s.getInputStream();
                  byte[] buf = new byte[2048];
                  StringBuilder seen = new StringBuilder();
                  while (seen.indexOf("event: message_start") < 0) {
                    int r = in.read(buf);
                    if (r < 0) {
                      throw new IOException("closed");
                    }
                    seen.append(new String(buf, 0, r, StandardCharsets.UTF_8));
                  }
                  connecting.release();
                  started.countDown();
                  counted[0] = true;
                  if (model.equals("trickle")) {
                    while (seen.indexOf("event: message_stop") < 0) {
                      int r = in.read(buf);
                      if (r < 0) {
                        throw new IOException("closed");
                      }
                      String tail =
                          seen.length() > 64 ? seen.substring(seen.length() - 64) : seen.toString();
                      seen.setLength(0);
                      seen.append(tail).append(new String(buf, 0, r, StandardCharsets.UTF_8));
                    }
                    completed.incrementAndGet();
                  }
                } catch (IOException e) {
                  failed.incrementAndGet();
                  if (!counted[0]) {
                    connecting.release();
                    started.countDown();
                  }
                } finally {
                  done.countDown();
                }
              });
    }
    long t0 = System.nanoTime();
    started.await();
    System.out.println(
        "streaming "
            + (n - failed.get())
            + " of "
            + n
            + " requests (message_start received), "
            + failed.get()
            + " failed");
    System.out.flush();
    if (model.equals("trickle")) {
      done.await();
      System.out.println(
          "completed "
              + completed.get()
              + " of "
              + n
              + " streams to message_stop, "
              + failed.get()
              + " failed, "
              + (System.nanoTime() - t0) / 1_000_000
              + " ms after the first connect (ideal: ~2 s to first token + ~5 s of tokens)");
      System.out.flush();
    }
    Thread.sleep(600_000); // hold until the parent destroys this process
  }
}
