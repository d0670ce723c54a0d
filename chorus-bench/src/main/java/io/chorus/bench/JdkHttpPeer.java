package io.chorus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The plain baseline: the JDK {@link HttpClient} (HTTP/1.1, virtual-thread executor) posting OpenAI
 * Chat Completions and parsing them with Jackson, no retries, no rate limiting. Run as its own
 * process by {@link PeerBench}.
 */
public final class JdkHttpPeer {
  private static final ObjectMapper JSON = Json.MAPPER;

  /**
   * Set to {@code true} (on the TLS h2 path) to let the client negotiate HTTP/2, as a user of the
   * JDK client would by leaving its default version.
   */
  static final String HTTP2_VARIABLE = "BENCH_HTTP2";

  private JdkHttpPeer() {}

  public static void main(String[] argv) throws Exception {
    ClientArgs args = ClientArgs.parse(argv);
    HttpClient http =
        HttpClient.newBuilder()
            .version(
                Boolean.parseBoolean(System.getenv(HTTP2_VARIABLE))
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    URI uri = URI.create(args.base() + "/v1/chat/completions");
    Workload.Call call = i -> call(http, uri, args, i);
    if (Workload.limited() && args.rpm() > 0) {
      // Guava's RateLimiter at the published requests per minute: smooth, bursts of at most 1 s
      com.google.common.util.concurrent.RateLimiter limiter =
          com.google.common.util.concurrent.RateLimiter.create(args.rpm() / 60.0);
      Workload.Call unlimited = call;
      call =
          i -> {
            limiter.acquire();
            unlimited.call(i);
          };
    }
    ClientResult r = Workload.run("jdk-httpclient", args, call, JdkHttpPeer::name);
    Workload.report(r);
  }

  private static void call(HttpClient http, URI uri, ClientArgs args, int i)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", args.model());
    body.put("max_tokens", args.maxTokens());
    body.putArray("messages").addObject().put("role", "user").put("content", args.promptFor(i));
    if (args.stream()) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .header("content-type", "application/json")
            .header("authorization", "Bearer sk-bench")
            .timeout(Duration.ofMinutes(5))
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .build();
    if (!args.stream()) {
      HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      if (res.statusCode() != 200) {
        throw new HttpStatusException(res.statusCode());
      }
      JsonNode root = JSON.readTree(res.body());
      if (root.path("choices").path(0).path("message").path("content").isMissingNode()) {
        throw new IOException("no content in response");
      }
      return;
    }
    HttpResponse<Stream<String>> res = http.send(req, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = res.body()) {
      if (res.statusCode() != 200) {
        throw new HttpStatusException(res.statusCode());
      }
      boolean done = false;
      StringBuilder text = new StringBuilder();
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).trim();
        if (data.equals("[DONE]")) {
          done = true;
          break;
        }
        JsonNode chunk = JSON.readTree(data);
        if (chunk.has("error")) {
          throw new IOException("error event in stream");
        }
        JsonNode delta = chunk.path("choices").path(0).path("delta").path("content");
        if (delta.isTextual()) {
          text.append(delta.asText());
        }
      }
      if (!done) {
        throw new IOException("stream ended without [DONE]");
      }
    }
  }

  private static String name(Throwable t) {
    return t instanceof HttpStatusException h ? "http_" + h.status : t.getClass().getSimpleName();
  }

  /** A non-200 answer. */
  static final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpStatusException(int status) {
      super("HTTP " + status);
      this.status = status;
    }
  }
}
