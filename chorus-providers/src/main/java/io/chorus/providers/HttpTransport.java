package io.chorus.providers;

import io.chorus.core.TimeSource;
import io.chorus.providers.internal.BodyLimits;
import io.chorus.providers.internal.Http1Client;
import io.chorus.providers.internal.TrustedCertificates;
import io.chorus.providers.internal.Watchdog;
import io.chorus.providers.internal.WireCall;
import java.net.Proxy;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The HTTP machinery providers share: OkHttp (connection pools, HTTP/2 multiplexing) and one
 * watchdog thread for stream timeouts. Calls run synchronously on the caller's (virtual) thread, so
 * concurrency is bounded by the engine, not by OkHttp's dispatcher, which is sized out of the way.
 *
 * <p>Configuration choices: no OkHttp read timeout (non-streaming answers may take minutes before
 * the first byte; the attempt timeout bounds them and the watchdog bounds stream silences); no
 * silent OkHttp retry on connection failure, so every attempt the server may have received is
 * visible to the engine's retry policy and never doubles a paid generation behind its back.
 *
 * <p>Plain {@code http://} URLs without a proxy (local inference servers, the simulator) go over a
 * minimal HTTP/1.1 client of Chorus's own, which skips OkHttp's per-call bookkeeping (see {@code
 * Http1Client}); TLS, HTTP/2 and proxied requests use OkHttp. {@link Builder#plainHttp1(boolean)}
 * turns the plain path off.
 *
 * <p>Connection pools are striped: the transport holds {@link Builder#connectionPools} OkHttp
 * clients that share the dispatcher and settings but not the pool, and hands them out in turn.
 * OkHttp finds a pooled connection by scanning every connection of its pool under a lock per
 * connection, so against an HTTP/1.1 server (vLLM, Ollama, llama.cpp, the simulator), where every
 * concurrent call holds a connection of its own, one pool of 64 connections cost a third of the
 * client's CPU per call in the P2 benchmark. Against an HTTP/2 server each stripe opens one
 * multiplexed connection.
 *
 * <p>Thread-safe. Closing it releases pooled connections and the watchdog; providers built on a
 * transport they were given do not close it.
 */
public final class HttpTransport implements AutoCloseable {
  private final OkHttpClient[] clients;
  private final AtomicInteger next = new AtomicInteger();
  private final Watchdog watchdog;
  private final Http1Client plain;
  private final Map<String, Boolean> directRoutes = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final BodyLimits bodyLimits;

  /** The default largest response body read: 16 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = BodyLimits.DEFAULT.maxBodyBytes();

  /** The default largest server-sent event read: 4 MiB. */
  public static final long DEFAULT_MAX_EVENT_BYTES = BodyLimits.DEFAULT.maxEventBytes();

  /** The connect timeout unless {@link Builder#connectTimeout} sets another: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private HttpTransport(Builder b) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(b.maxConcurrentRequests);
    dispatcher.setMaxRequestsPerHost(b.maxConcurrentRequests);
    OkHttpClient.Builder okhttp =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectTimeout(b.connectTimeout)
            .readTimeout(Duration.ZERO)
            .writeTimeout(b.writeTimeout)
            .callTimeout(Duration.ZERO)
            .retryOnConnectionFailure(false);
    if (!b.trusted.isEmpty()) {
      TrustedCertificates trusted =
          TrustedCertificates.of(b.trusted, String.join(", ", b.trustedFiles));
      okhttp.sslSocketFactory(trusted.socketFactory(), trusted.trustManager());
    }
    OkHttpClient shared = b.customizer.apply(okhttp).build();
    this.clients = new OkHttpClient[b.pools];
    for (int i = 0; i < b.pools; i++) {
      // each pool may keep them all: calls spread unevenly over the pools, and a pool that evicted
      // an idle connection its next call needs would pay a new TCP connection for it
      clients[i] =
          shared
              .newBuilder()
              .connectionPool(
                  new ConnectionPool(
                      b.maxIdleConnections, b.keepAlive.toMillis(), TimeUnit.MILLISECONDS))
              .build();
    }
    this.watchdog = new Watchdog(b.time);
    this.bodyLimits = new BodyLimits(b.maxResponseBytes, b.maxEventBytes);
    // a customised OkHttp (protocols, TLS) asks for OkHttp's behaviour on every URL
    this.plain =
        b.plainHttp1 && !b.customized
            ? new Http1Client(b.maxIdleConnections, b.keepAlive, b.connectTimeout)
            : null;
  }

  /** A transport with the defaults. */
  public static HttpTransport create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts {@code request} on the plain HTTP/1.1 path when it can take it, else on OkHttp. */
  WireCall newCall(Request request) {
    if (plain != null && !request.url().isHttps() && direct(request)) {
      return plain.newCall(request);
    }
    return WireCall.of(client().newCall(request));
  }

  /** Whether no proxy applies to the request's host and port (asked once per host and port). */
  private boolean direct(Request request) {
    String route = request.url().host() + ":" + request.url().port();
    Boolean known = directRoutes.get(route);
    if (known == null) {
      ProxySelector selector = ProxySelector.getDefault();
      List<Proxy> proxies = selector == null ? null : selector.select(request.url().uri());
      known =
          proxies == null
              || proxies.isEmpty()
              || (proxies.size() == 1 && proxies.get(0).type() == Proxy.Type.DIRECT);
      if (directRoutes.size() < 1024) {
        directRoutes.put(route, known);
      }
    }
    return known;
  }

  /** Whether plain {@code http://} requests take Chorus's own HTTP/1.1 path. */
  boolean plainHttp1() {
    return plain != null;
  }

  /** Idle connections of the plain HTTP/1.1 path. */
  int plainIdleConnections() {
    return plain == null ? 0 : plain.idleConnections();
  }

  /** The client for the next exchange: the stripes in turn. */
  OkHttpClient client() {
    return clients[Math.floorMod(next.getAndIncrement(), clients.length)];
  }

  /** Connections open across every pool. */
  int connectionCount() {
    int n = 0;
    for (OkHttpClient c : clients) {
      n += c.connectionPool().connectionCount();
    }
    return n;
  }

  Watchdog watchdog() {
    return watchdog;
  }

  BodyLimits bodyLimits() {
    return bodyLimits;
  }

  /** Releases pooled connections and the watchdog thread. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      watchdog.close();
      if (plain != null) {
        plain.close();
      }
      clients[0].dispatcher().executorService().shutdown();
      for (OkHttpClient c : clients) {
        c.connectionPool().evictAll();
      }
    }
  }

  @Override
  public String toString() {
    return "HttpTransport[pools=" + clients.length + ", connections=" + connectionCount() + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration writeTimeout = Duration.ofSeconds(30);
    private int maxIdleConnections = 512;
    private Duration keepAlive = Duration.ofMinutes(5);
    private int maxConcurrentRequests = 1 << 16;
    private int pools = 8;
    private boolean plainHttp1 = true;
    private long maxResponseBytes = BodyLimits.DEFAULT.maxBodyBytes();
    private long maxEventBytes = BodyLimits.DEFAULT.maxEventBytes();
    private boolean customized;
    private final List<java.security.cert.Certificate> trusted = new java.util.ArrayList<>();
    private final List<String> trustedFiles = new java.util.ArrayList<>();
    private TimeSource time = TimeSource.system();
    private UnaryOperator<OkHttpClient.Builder> customizer = UnaryOperator.identity();

    private Builder() {}

    /** For tests in this package: adjusts the OkHttp client (protocols, TLS trust). */
    Builder okHttp(UnaryOperator<OkHttpClient.Builder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      this.customized = true;
      return this;
    }

    /**
     * Trusts the certificates in {@code pemFile} for {@code https://} URLs, beside the JDK's
     * default authorities: a simulator started with {@code chorus sim --tls} prints the file to
     * pass here (config {@code ca_file}, CLI {@code --ca}). Each call adds a file; the file is read
     * now.
     *
     * @throws IllegalArgumentException naming the file when it is missing or holds no readable
     *     certificate
     */
    public Builder trustedCertificates(Path pemFile) {
      trusted.addAll(TrustedCertificates.read(Objects.requireNonNull(pemFile, "pemFile")));
      trustedFiles.add(pemFile.toString());
      return this;
    }

    /**
     * The clock the stream timeouts (first token, idle, and the attempt timeout of calls made
     * outside an engine) are measured on; default the system clock. Tests pass a fake clock.
     */
    public Builder time(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** How long a TCP (and TLS) connect may take; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long sending the request body may stall; default 30 s. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = positive(timeout, "writeTimeout");
      return this;
    }

    /**
     * Whether plain {@code http://} requests without a proxy take Chorus's own HTTP/1.1 client
     * (default true); false sends everything through OkHttp.
     */
    public Builder plainHttp1(boolean enabled) {
      this.plainHttp1 = enabled;
      return this;
    }

    /**
     * How many connection pools the transport stripes its calls over; default 8. One pool keeps
     * HTTP/2 to a single connection per host; more pools make finding an idle HTTP/1.1 connection
     * cheaper when hundreds are open (see the class comment).
     */
    public Builder connectionPools(int count) {
      if (count < 1 || count > 256) {
        throw new IllegalArgumentException(
            "connectionPools must be between 1 and 256, was " + count);
      }
      this.pools = count;
      return this;
    }

    /**
     * Idle connections each pool keeps for reuse; default 512 (set near the engine's concurrency).
     */
    public Builder maxIdleConnections(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("maxIdleConnections must be >= 1, was " + count);
      }
      this.maxIdleConnections = count;
      return this;
    }

    /** How long an idle connection is kept; default 5 min. */
    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = positive(keepAlive, "keepAlive");
      return this;
    }

    /** OkHttp's dispatcher limit (asynchronous calls only); default 65,536. */
    public Builder maxConcurrentRequests(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be >= 1, was " + count);
      }
      this.maxConcurrentRequests = count;
      return this;
    }

    /**
     * The largest response body read (default 16 MiB); a larger one fails the attempt with a {@code
     * malformed_response} naming the limit, and is not retried.
     */
    public Builder maxResponseBytes(long bytes) {
      this.maxResponseBytes = atLeastKiB(bytes, "maxResponseBytes");
      return this;
    }

    /**
     * The largest single server-sent event of a stream (default 4 MiB); see {@link
     * #maxResponseBytes}.
     */
    public Builder maxEventBytes(long bytes) {
      this.maxEventBytes = atLeastKiB(bytes, "maxEventBytes");
      return this;
    }

    private static long atLeastKiB(long bytes, String name) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(name + " must be at least 1024 bytes, was " + bytes);
      }
      return bytes;
    }

    public HttpTransport build() {
      return new HttpTransport(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
