package io.chorus.providers.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.Request;

/**
 * A minimal HTTP/1.1 client for plain-HTTP endpoints (local inference servers such as vLLM,
 * Ollama and llama.cpp, and the simulator): keep-alive connections pooled per host and port,
 * one request per connection at a time, bodies framed by length, chunks or the end of stream.
 *
 * <p>Why by hand, next to OkHttp: OkHttp does this job, but its per-call bookkeeping is sized for
 * TLS, HTTP/2, proxies and redirects. Every okio socket read and write and every call's end takes
 * one process-wide timeout lock; every released connection schedules pool clean-up through a
 * shared task queue; finding a pooled connection scans the pool. Against a local server at
 * thousands of calls per second these cost about a third of the client's CPU per call (measured
 * with JFR in the P2 benchmark). This client does none of it: the engine's alarm bounds each
 * attempt, the watchdog bounds stream silences, and idle connections are checked lazily when
 * taken. Anything it does not handle (TLS, proxies, HTTP/2) stays on OkHttp, which {@code
 * HttpTransport} picks per request.
 *
 * <p>Thread-safe.
 */
public final class Http1Client implements AutoCloseable {
  /** A connection idle this long is probed before reuse (a server may have closed it). */
  private static final long PROBE_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

  private final Map<String, ConcurrentLinkedDeque<Http1Connection>> idle = new ConcurrentHashMap<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final int maxIdle;
  private final long keepAliveNanos;
  private final int connectTimeoutMillis;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<String, MediaType> mediaTypes = new ConcurrentHashMap<>();

  /**
   * @param maxIdle idle connections kept in all
   * @param keepAlive how long an idle connection is kept
   * @param connectTimeout how long a TCP connect may take
   */
  public Http1Client(int maxIdle, Duration keepAlive, Duration connectTimeout) {
    this.maxIdle = maxIdle;
    this.keepAliveNanos = keepAlive.toNanos();
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
  }

  /** A call for {@code request}, which must be a plain {@code http} URL. */
  public WireCall newCall(Request request) {
    if (request.url().isHttps()) {
      throw new IllegalArgumentException("the plain HTTP/1.1 client does not speak TLS: " + request.url().redact());
    }
    return new Http1Call(this, request);
  }

  /** A healthy idle connection to {@code host:port}, most recently used first, or a new one. */
  Http1Connection acquire(String host, int port) throws IOException {
    if (closed.get()) {
      throw new IOException("the HTTP transport is closed");
    }
    String route = host + ":" + port;
    ConcurrentLinkedDeque<Http1Connection> pool = idle.get(route);
    if (pool != null) {
      long now = System.nanoTime();
      for (Http1Connection c = pool.pollFirst(); c != null; c = pool.pollFirst()) {
        idleCount.decrementAndGet();
        if (c.idleNanos(now) < keepAliveNanos && c.isHealthy(now, PROBE_AFTER_NANOS)) {
          return c;
        }
        c.close();
      }
    }
    return Http1Connection.open(route, host, port, connectTimeoutMillis);
  }

  /** Takes back a connection whose last response was read to its end. */
  void release(Http1Connection c) {
    if (closed.get() || idleCount.get() >= maxIdle) {
      c.close();
      return;
    }
    c.markIdle(System.nanoTime());
    idleCount.incrementAndGet();
    idle.computeIfAbsent(c.route, r -> new ConcurrentLinkedDeque<>()).offerFirst(c);
    if (closed.get()) { // closed meanwhile: do not leave it behind
      evictAll();
    }
  }

  /** {@code Content-Type} values parsed once: a server sends the same few, and parsing takes regexes. */
  MediaType mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    MediaType known = mediaTypes.get(contentType);
    if (known == null) {
      known = MediaType.parse(contentType);
      if (known != null && mediaTypes.size() < 64) {
        mediaTypes.put(contentType, known);
      }
    }
    return known;
  }

  /** Idle connections held now. */
  public int idleConnections() {
    return Math.max(0, idleCount.get());
  }

  private void evictAll() {
    for (ConcurrentLinkedDeque<Http1Connection> pool : idle.values()) {
      for (Http1Connection c = pool.pollFirst(); c != null; c = pool.pollFirst()) {
        idleCount.decrementAndGet();
        c.close();
      }
    }
  }

  /** Closes every idle connection; connections in use close when their exchange ends. */
  @Override
  public void close() {
    closed.set(true);
    evictAll();
  }
}
