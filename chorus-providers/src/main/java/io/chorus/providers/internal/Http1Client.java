package io.chorus.providers.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.MediaType;
import okhttp3.Request;

/**
 * A minimal HTTP/1.1 client for plain-HTTP endpoints (local inference servers such as vLLM, Ollama
 * and llama.cpp, and the simulator): keep-alive connections pooled per host and port, one request
 * per connection at a time, bodies framed by length, chunks or the end of stream.
 *
 * <p>Why by hand, next to OkHttp: OkHttp does this job, but its per-call bookkeeping is sized for
 * TLS, HTTP/2, proxies and redirects. Every okio socket read and write and every call's end takes
 * one process-wide timeout lock; every released connection schedules pool clean-up through a shared
 * task queue; finding a pooled connection scans the pool. Against a local server at thousands of
 * calls per second these cost about a third of the client's CPU per call (measured with JFR in the
 * P2 benchmark). This client does none of it: the engine's alarm bounds each attempt, the watchdog
 * bounds stream silences, and idle connections are checked lazily when taken. Anything it does not
 * handle (TLS, proxies, HTTP/2) stays on OkHttp, which {@code HttpTransport} picks per request.
 *
 * <p>Thread-safe.
 */
public final class Http1Client implements AutoCloseable {
  /** A connection idle this long is probed before reuse (a server may have closed it). */
  private static final Duration PROBE_AFTER = Duration.ofSeconds(1);

  // one lock for the idle connections: held for a push or a pop only (a ConcurrentLinkedDeque's
  // unlinking cost more than the uncontended lock in the P2 profile)
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ArrayDeque<Http1Connection>> idle = new HashMap<>();
  private int idleCount; // guarded by lock
  private final int maxIdle;
  private final long keepAliveNanos;
  private final int connectTimeoutMillis;
  private final long probeAfterNanos;
  private volatile boolean closed;
  private final Map<String, MediaType> mediaTypes = new ConcurrentHashMap<>();

  /**
   * @param maxIdle idle connections kept in all
   * @param keepAlive how long an idle connection is kept
   * @param connectTimeout how long a TCP connect may take
   */
  public Http1Client(int maxIdle, Duration keepAlive, Duration connectTimeout) {
    this(maxIdle, keepAlive, connectTimeout, PROBE_AFTER);
  }

  /** As above, probing connections idle longer than {@code probeAfter} before reusing them. */
  Http1Client(int maxIdle, Duration keepAlive, Duration connectTimeout, Duration probeAfter) {
    this.probeAfterNanos = probeAfter.toNanos();
    this.maxIdle = maxIdle;
    this.keepAliveNanos = keepAlive.toNanos();
    this.connectTimeoutMillis =
        (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
  }

  /** A call for {@code request}, which must be a plain {@code http} URL. */
  public WireCall newCall(Request request) {
    if (request.url().isHttps()) {
      throw new IllegalArgumentException(
          "the plain HTTP/1.1 client does not speak TLS: " + request.url().redact());
    }
    return new Http1Call(this, request);
  }

  /** A healthy idle connection to {@code host:port}, most recently used first, or a new one. */
  Http1Connection acquire(String host, int port) throws IOException {
    if (closed) {
      throw new IOException("the HTTP transport is closed");
    }
    String route = host + ":" + port;
    long now = System.nanoTime();
    for (Http1Connection c = poll(route); c != null; c = poll(route)) {
      if (c.idleNanos(now) < keepAliveNanos && c.isHealthy(now, probeAfterNanos)) {
        return c;
      }
      c.close();
    }
    return Http1Connection.open(route, host, port, connectTimeoutMillis);
  }

  /** The most recently used idle connection to {@code route}, or null. */
  private Http1Connection poll(String route) {
    lock.lock();
    try {
      ArrayDeque<Http1Connection> pool = idle.get(route);
      Http1Connection c = pool == null ? null : pool.pollFirst();
      if (c != null) {
        idleCount--;
      }
      return c;
    } finally {
      lock.unlock();
    }
  }

  /** Takes back a connection whose last response was read to its end. */
  void release(Http1Connection c) {
    c.markIdle(System.nanoTime());
    lock.lock();
    try {
      if (!closed && idleCount < maxIdle) {
        idle.computeIfAbsent(c.route, r -> new ArrayDeque<>()).offerFirst(c);
        idleCount++;
        return;
      }
    } finally {
      lock.unlock();
    }
    c.close();
  }

  /**
   * {@code Content-Type} values parsed once: a server sends the same few, and parsing takes
   * regexes.
   */
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
    lock.lock();
    try {
      return idleCount;
    } finally {
      lock.unlock();
    }
  }

  /** Closes every idle connection; connections in use close when their exchange ends. */
  @Override
  public void close() {
    List<Http1Connection> all = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      idle.values().forEach(all::addAll);
      idle.clear();
      idleCount = 0;
    } finally {
      lock.unlock();
    }
    all.forEach(Http1Connection::close);
  }
}
