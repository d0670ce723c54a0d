package io.chorus.advisor.internal;

import io.chorus.advisor.Workload;
import io.chorus.advisor.WorkloadType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Built-in I/O and mixed kernels: each task makes one HTTP call (JDK HttpClient) to a server on
 * 127.0.0.1 that answers after a fixed latency, then, when {@code n > 0}, sums square roots up to
 * {@code n} (the mixed kernel: fetch then process). A non-null {@code body} is POSTed as JSON (an
 * Anthropic Messages call to the simulator), otherwise it GETs. Owns the server when it started it;
 * in a child JVM it only calls it.
 */
public final class HttpKernel implements Workload {
  private final URI target;
  private final long latencyMs;
  private final long n;
  private final int tasks;
  private final String body;
  private final String serverName;
  private final AutoCloseable ownedServer;
  private final HttpClient client;
  private final DoubleAdder sink = new DoubleAdder();

  HttpKernel(
      URI target,
      String body,
      String serverName,
      long latencyMs,
      long n,
      int tasks,
      AutoCloseable ownedServer) {
    if (tasks < 1)
      throw new IllegalArgumentException("I/O kernel: tasks must be at least 1, got " + tasks);
    if (n < 0) throw new IllegalArgumentException("mixed kernel: n must be 0 or more, got " + n);
    this.target = target;
    this.body = body;
    this.serverName = serverName;
    this.latencyMs = latencyMs;
    this.n = n;
    this.tasks = tasks;
    this.ownedServer = ownedServer;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @Override
  public String name() {
    return n == 0 ? "io-http" : "mixed-http-sqrt";
  }

  @Override
  public WorkloadType type() {
    return n == 0 ? WorkloadType.IO_BOUND : WorkloadType.MIXED;
  }

  @Override
  public int tasks() {
    return tasks;
  }

  @Override
  public Object fetch(int index) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60));
    HttpRequest request =
        body == null
            ? b.GET().build()
            : b.header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200)
      throw new IOException(
          serverName
              + " answered "
              + response.statusCode()
              + " for task "
              + index
              + ": "
              + response.body());
    return response.body();
  }

  @Override
  public void compute(int index, Object fetched) {
    double v = fetched == null ? 0 : fetched.toString().length();
    if (n > 0) v += SquareRoots.sum(n);
    sink.add(v);
  }

  @Override
  public String description() {
    String io =
        String.format(
            "%d tasks x HTTP call to %s on 127.0.0.1 with %d ms fixed latency",
            tasks, serverName, latencyMs);
    return n == 0 ? io : io + String.format(", then sum of square roots to %,d", n);
  }

  @Override
  public String childSpec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("kind", "http");
    spec.put("url", target.toString());
    if (body != null) spec.put("body", body);
    spec.put("server", serverName);
    spec.put("latencyMs", latencyMs);
    spec.put("n", n);
    spec.put("tasks", tasks);
    return Json.write(spec);
  }

  @Override
  public void close() {
    client.close();
    if (ownedServer != null) {
      try {
        ownedServer.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the " + serverName, e);
      }
    }
  }
}
