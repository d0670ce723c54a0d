package io.chorus.observe;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP traces receiver on 127.0.0.1 for tests: accepts {@code POST /v1/traces}
 * (protobuf, gzip or not), decodes each request with the protocol's own classes and keeps the spans
 * and the request headers. Answers 200 with an empty export response, as a collector does.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** One received span, decoded. */
  public record Received(
      String name,
      String traceId,
      String spanId,
      String parentSpanId,
      String kind,
      String status,
      Map<String, Object> attributes,
      List<String> events,
      long startNanos,
      long endNanos) {

    public Object attr(String key) {
      return attributes.get(key);
    }
  }

  private final HttpServer server;
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> resources = new CopyOnWriteArrayList<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  public static OtlpReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OtlpReceiver r = new OtlpReceiver(server);
    server.createContext(
        "/v1/traces",
        ex -> {
          try (ex) {
            Map<String, String> h = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
            InputStream in = ex.getRequestBody();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
              in = new GZIPInputStream(in);
            }
            ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(in);
            r.headers.add(h);
            r.accept(req);
            byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
        });
    server.start();
    return r;
  }

  /** The base URL, {@code http://127.0.0.1:PORT} (the exporter appends /v1/traces). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Received> spans() {
    return List.copyOf(spans);
  }

  /** The headers of every export request received (names in lower case). */
  public List<Map<String, String>> requestHeaders() {
    return List.copyOf(headers);
  }

  /** The resource attributes of every batch received. */
  public List<Map<String, Object>> resources() {
    return List.copyOf(resources);
  }

  /** The first span matching {@code p}. */
  public Optional<Received> find(Predicate<Received> p) {
    return spans.stream().filter(p).findFirst();
  }

  /** The spans whose parent is {@code parent}. */
  public List<Received> childrenOf(Received parent) {
    return spans.stream().filter(s -> s.parentSpanId().equals(parent.spanId())).toList();
  }

  /** Waits until {@code p} holds for the spans received (at most {@code timeout}). */
  public boolean await(Predicate<List<Received>> p, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!p.test(spans())) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private void accept(ExportTraceServiceRequest req) {
    HexFormat hex = HexFormat.of();
    for (ResourceSpans rs : req.getResourceSpansList()) {
      resources.add(attributes(rs.getResource().getAttributesList()));
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (var s : ss.getSpansList()) {
          List<String> events = new ArrayList<>();
          s.getEventsList().forEach(e -> events.add(e.getName()));
          spans.add(
              new Received(
                  s.getName(),
                  hex.formatHex(s.getTraceId().toByteArray()),
                  hex.formatHex(s.getSpanId().toByteArray()),
                  hex.formatHex(s.getParentSpanId().toByteArray()),
                  s.getKind().name(),
                  s.getStatus().getCode().name(),
                  attributes(s.getAttributesList()),
                  events,
                  s.getStartTimeUnixNano(),
                  s.getEndTimeUnixNano()));
        }
      }
    }
  }

  private static Map<String, Object> attributes(List<KeyValue> kvs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      m.put(kv.getKey(), value(kv.getValue()));
    }
    return m;
  }

  private static Object value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case INT_VALUE -> v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case ARRAY_VALUE ->
          v.getArrayValue().getValuesList().stream().map(OtlpReceiver::value).toList();
      default -> String.valueOf(v);
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
