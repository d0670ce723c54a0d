package io.chorus.sim.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small HTTP/1.1 server on 127.0.0.1: one virtual thread per connection, keep-alive, request
 * bodies by Content-Length or chunked, responses with Content-Length or chunked.
 *
 * <p>Why hand-written rather than the JDK's {@code com.sun.net.httpserver}: fault injection needs
 * the socket itself — a TCP reset (SO_LINGER 0), a stall after the headers, a body cut short of its
 * declared length, a chunked stream that ends without its last chunk — and HttpServer hides the
 * socket and completes or aborts responses its own way. Blocking I/O on virtual threads keeps each
 * connection's script (sleep, write, sleep) straight-line code while 10,000 streams stay cheap.
 *
 * <p>With an {@link SSLContext} every accepted connection is wrapped in TLS (server mode, ALPN
 * {@code http/1.1} only: this server speaks no HTTP/2, so clients that offer {@code h2} fall back
 * to HTTP/1.1). Faults still reach the TCP socket underneath: a reset closes it without TLS's
 * close_notify, as a dropped connection would.
 */
public final class SimServer implements AutoCloseable {
  /** Answers one request. May leave the connection closed (faults do). */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws IOException;
  }

  /**
   * How long a client may take: {@code request} for one request's head and body from its first
   * byte, {@code idle} for the first byte of the next request on a kept-alive connection. A slow or
   * silent client then costs a connection for at most that long (300 slow sockets were held for as
   * long as they liked).
   */
  public record ClientTimeouts(Duration request, Duration idle) {
    public static final ClientTimeouts DEFAULT =
        new ClientTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(75));

    public ClientTimeouts {
      if (!request.isPositive() || !idle.isPositive()) {
        throw new IllegalArgumentException(
            "client timeouts must be positive, were " + request + " and " + idle);
      }
    }
  }

  /** Waits after a failed accept (EMFILE: no file descriptor for the connection). */
  @FunctionalInterface
  public interface Pause {
    void pause(long millis) throws InterruptedException;
  }

  /** The first and the longest wait after failed accepts in a row; the wait doubles in between. */
  static final long ACCEPT_BACKOFF_MIN_MS = 5;

  static final long ACCEPT_BACKOFF_MAX_MS = 500;

  private final Handler handler;
  private final Connections connections;
  private final ClientTimeouts timeouts;
  private final Pause pause;
  private final ServerSocket serverSocket;
  private final Map<Socket, Thread> open = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private final SSLContext tls;
  private volatile boolean closed;

  /** Receives connection open/close counts for the stats. */
  public interface Connections {
    void opened();

    void closed();
  }

  /** Binds to 127.0.0.1:{@code port} (0 = any free port) and starts accepting. */
  public SimServer(int port, Handler handler, Connections connections) {
    this(bind(port), handler, connections, ClientTimeouts.DEFAULT, Thread::sleep);
  }

  /** Binds to 127.0.0.1:{@code port} (0 = any free port) and starts accepting. */
  public SimServer(int port, Handler handler, Connections connections, ClientTimeouts timeouts) {
    this(bind(port), handler, connections, timeouts, Thread::sleep, null);
  }

  /**
   * Binds to 127.0.0.1:{@code port} (0 = any free port) and starts accepting; {@code tls}, when not
   * null, wraps every connection in TLS with its key and certificate.
   */
  public SimServer(
      int port, Handler handler, Connections connections, ClientTimeouts timeouts, SSLContext tls) {
    this(bind(port), handler, connections, timeouts, Thread::sleep, tls);
  }

  /** Serves on a bound {@code serverSocket}; {@code pause} is how the accept loop backs off. */
  public SimServer(
      ServerSocket serverSocket,
      Handler handler,
      Connections connections,
      ClientTimeouts timeouts,
      Pause pause) {
    this(serverSocket, handler, connections, timeouts, pause, null);
  }

  private SimServer(
      ServerSocket serverSocket,
      Handler handler,
      Connections connections,
      ClientTimeouts timeouts,
      Pause pause,
      SSLContext tls) {
    this.tls = tls;
    this.handler = handler;
    this.connections = connections;
    this.timeouts = timeouts;
    this.pause = pause;
    this.serverSocket = serverSocket;
    acceptor =
        Thread.ofPlatform().daemon().name("chorus-sim-accept-" + port()).start(this::acceptLoop);
  }

  private static ServerSocket bind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      // A large backlog lets a burst of thousands of connects queue (the kernel caps it at
      // somaxconn).
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16384);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "simulator: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  private void acceptLoop() {
    long backoff = 0;
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
        backoff = 0;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        // e.g. EMFILE under extreme load: the pending connection stays in the backlog, so accepting
        // again at once fails again at once (8 s of CPU in 10 s). Wait, doubling, and keep serving
        // the connections we have; a connection that closes frees a descriptor.
        backoff =
            backoff == 0 ? ACCEPT_BACKOFF_MIN_MS : Math.min(ACCEPT_BACKOFF_MAX_MS, backoff * 2);
        try {
          pause.pause(backoff);
        } catch (InterruptedException ie) {
          return;
        }
        continue;
      }
      connections.opened();
      Thread t = Thread.ofVirtual().name("chorus-sim-conn").unstarted(() -> serve(socket));
      open.put(socket, t);
      t.start();
    }
  }

  /** Whether connections are served over TLS. */
  public boolean tls() {
    return tls != null;
  }

  private void serve(Socket raw) {
    Socket socket = raw;
    try {
      raw.setTcpNoDelay(true);
      if (tls != null) {
        socket = secure(raw); // the handshake runs on the first read, within the idle deadline
      }
      ConnectionInput in = new ConnectionInput(socket, 4096);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
      HttpRequestReader reader = new HttpRequestReader(in, out);
      while (!closed) {
        HttpRequest request;
        try {
          in.deadline(System.nanoTime() + timeouts.idle().toNanos(), "idle connection");
          if (!in.awaitData()) {
            return;
          }
          in.deadline(
              System.nanoTime() + timeouts.request().toNanos(),
              "request not received within " + timeouts.request());
          request = reader.read();
          in.deadline(0, null);
        } catch (HttpRequestReader.BadRequest e) {
          refuse(out, e.status, e.getMessage());
          return;
        } catch (SocketTimeoutException e) {
          if (!"idle connection".equals(e.getMessage())) {
            refuse(out, 408, e.getMessage());
          }
          return;
        }
        if (request == null) {
          return;
        }
        Exchange exchange = new Exchange(socket, raw, in, out, request);
        handler.handle(exchange);
        if (exchange.connectionDone() || socket.isClosed()) {
          return;
        }
      }
    } catch (SocketException e) {
      // the client went away (or we reset the connection on purpose)
    } catch (IOException e) {
      // a broken connection affects that client only
    } catch (InterruptedRuntimeException e) {
      // the server is closing
    } catch (RuntimeException e) {
      // a bug must cost one connection, not the server: report it and drop the connection
      System.err.println("chorus sim: internal error on a connection: " + e);
    } finally {
      closeQuietly(socket);
      closeQuietly(raw);
      open.remove(raw);
      connections.closed();
    }
  }

  private SSLSocket secure(Socket raw) throws IOException {
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, true);
    s.setUseClientMode(false);
    SSLParameters params = s.getSSLParameters();
    params.setApplicationProtocols(new String[] {"http/1.1"});
    s.setSSLParameters(params);
    return s;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // the connection is gone either way
    }
  }

  /**
   * Answers a request that cannot be served with {@code status}; the connection is closed after it.
   */
  private static void refuse(OutputStream out, int status, String message) throws IOException {
    byte[] body =
        ("{\"error\":{\"message\":" + Json.quote(message) + ",\"type\":\"invalid_request_error\"}}")
            .getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + " "
                + Exchange.reason(status)
                + "\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  /** Stops accepting, closes every open connection and interrupts its thread. */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Map.Entry<Socket, Thread> e : open.entrySet()) {
      try {
        e.getKey().close();
      } catch (IOException ignored) {
        // closing anyway
      }
      e.getValue().interrupt();
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Thrown by handlers whose sleep was interrupted because the server is closing. */
  public static final class InterruptedRuntimeException extends RuntimeException {
    public InterruptedRuntimeException() {
      super("simulator closing", null, false, false);
    }
  }
}
