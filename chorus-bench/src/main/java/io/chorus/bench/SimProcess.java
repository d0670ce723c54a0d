package io.chorus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator as a separate process ({@code io.chorus.sim.SimMain --port 0 --config FILE}), so
 * that its CPU is not charged to the client being measured. Only talks to 127.0.0.1.
 */
final class SimProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("listening on (https?://127\\.0\\.0\\.1:\\d+)");

  private final Process process;
  private final String baseUrl;
  private final Path caPem;
  private final HttpClient http;

  private SimProcess(Process process, String baseUrl, Path caPem) throws IOException {
    this.process = process;
    this.baseUrl = baseUrl;
    this.caPem = caPem;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
    if (caPem != null) {
      b.sslContext(BenchTrust.sslContext(caPem));
    }
    this.http = b.build();
  }

  /** Starts the simulator over plain http and waits (at most {@code startup}) for it. */
  static SimProcess start(String java, String classpath, Path config, Path log, Duration startup)
      throws IOException {
    return start(java, classpath, config, log, startup, null);
  }

  /**
   * Starts the simulator and waits (at most {@code startup}) for its listening line; with {@code
   * caOut} it serves TLS ({@code --tls}) and writes its certificate authority there.
   */
  static SimProcess start(
      String java, String classpath, Path config, Path log, Duration startup, Path caOut)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx2g",
                "-cp",
                classpath,
                "io.chorus.sim.SimMain",
                "--port",
                "0",
                "--config",
                config.toString(),
                "--seed",
                "1"));
    if (caOut != null) {
      cmd.addAll(List.of("--tls", "--ca-out", caOut.toString()));
    }
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  String url = parseListening(l);
                  if (url != null) {
                    return url;
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String url;
    try {
      url = line.get(startup.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      url = null;
    }
    if (url == null) {
      p.destroyForcibly();
      throw new IOException(
          "simulator did not print its listening line within " + startup + " (log: " + log + ")");
    }
    return new SimProcess(p, url, caOut);
  }

  /** The base URL from a {@code listening on http://127.0.0.1:PORT} line, else null. */
  static String parseListening(String line) {
    Matcher m = LISTENING.matcher(line);
    return m.find() ? m.group(1) : null;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** The certificate authority clients must trust ({@code https://} only), else null. */
  Path caPem() {
    return caPem;
  }

  long pid() {
    return process.pid();
  }

  void reset() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/_sim/reset"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("simulator reset answered " + r.statusCode());
    }
  }

  SimCounters stats() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/_sim/stats"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return SimCounters.parse(r.body());
  }

  /** CPU time (user + system) the simulator process has used so far, ms; -1 without /proc. */
  double cpuMs() {
    return cpuMs(process.pid());
  }

  /**
   * Waits (at most {@code limit}) until the simulator has used under 2% of a core for 250 ms, so
   * the next client is not charged, in the {@code sim CPU} column, with compilation or collection
   * left over from the one before. Returns whether it went quiet.
   */
  boolean awaitQuiet(Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    double before = cpuMs();
    while (System.nanoTime() < end) {
      Thread.sleep(250);
      double now = cpuMs();
      if (before < 0 || now < 0 || now - before <= 5) {
        return true;
      }
      before = now;
    }
    return false;
  }

  /**
   * CPU time of a process from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms), or -1.
   */
  static double cpuMs(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
      return parseStatCpuMs(stat);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static double parseStatCpuMs(String stat) {
    // the command name (field 2) may contain spaces: count fields after its closing parenthesis
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
