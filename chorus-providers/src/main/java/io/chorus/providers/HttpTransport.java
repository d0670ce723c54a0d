package io.chorus.providers;

import io.chorus.providers.internal.Watchdog;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The HTTP machinery providers share: one OkHttp client (connection pool, HTTP/2 multiplexing)
 * and one watchdog thread for stream timeouts. Calls run synchronously on the caller's (virtual)
 * thread, so concurrency is bounded by the engine, not by OkHttp's dispatcher, which is sized
 * out of the way.
 *
 * <p>Configuration choices: no OkHttp read timeout (non-streaming answers may take minutes before
 * the first byte; the attempt timeout bounds them and the watchdog bounds stream silences); no
 * silent OkHttp retry on connection failure, so every attempt the server may have received is
 * visible to the engine's retry policy and never doubles a paid generation behind its back.
 *
 * <p>Thread-safe. Closing it releases pooled connections and the watchdog; providers built on a
 * transport they were given do not close it.
 */
public final class HttpTransport implements AutoCloseable {
  private final OkHttpClient client;
  private final Watchdog watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpTransport(Builder b) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(b.maxConcurrentRequests);
    dispatcher.setMaxRequestsPerHost(b.maxConcurrentRequests);
    OkHttpClient.Builder okhttp =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(b.maxIdleConnections, b.keepAlive.toMillis(), TimeUnit.MILLISECONDS))
            .connectTimeout(b.connectTimeout)
            .readTimeout(Duration.ZERO)
            .writeTimeout(b.writeTimeout)
            .callTimeout(Duration.ZERO)
            .retryOnConnectionFailure(false);
    this.client = b.customizer.apply(okhttp).build();
    this.watchdog = new Watchdog();
  }

  /** A transport with the defaults. */
  public static HttpTransport create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  OkHttpClient client() {
    return client;
  }

  Watchdog watchdog() {
    return watchdog;
  }

  /** Releases pooled connections and the watchdog thread. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      watchdog.close();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "HttpTransport[connections=" + client.connectionPool().connectionCount() + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private int maxIdleConnections = 512;
    private Duration keepAlive = Duration.ofMinutes(5);
    private int maxConcurrentRequests = 1 << 16;
    private UnaryOperator<OkHttpClient.Builder> customizer = UnaryOperator.identity();

    private Builder() {}

    /** For tests in this package: adjusts the OkHttp client (protocols, TLS trust). */
    Builder okHttp(UnaryOperator<OkHttpClient.Builder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
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

    /** Idle connections kept for reuse; default 512 (set near the engine's concurrency). */
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
