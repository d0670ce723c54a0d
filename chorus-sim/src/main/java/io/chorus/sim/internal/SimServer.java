package io.chorus.sim.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP/1.1 server on 127.0.0.1: one virtual thread per connection, keep-alive, request
 * bodies by Content-Length or chunked, responses with Content-Length or chunked.
 *
 * <p>Why hand-written rather than the JDK's {@code com.sun.net.httpserver}: fault injection needs
 * the socket itself — a TCP reset (SO_LINGER 0), a stall after the headers, a body cut short of its
 * declared length, a chunked stream that ends without its last chunk — and HttpServer hides the
 * socket and completes or aborts responses its own way. Blocking I/O on virtual threads keeps each
 * connection's script (sleep, write, sleep) straight-line code while 10,000 streams stay cheap.
 */
public final class SimServer implements AutoCloseable {
  /** Answers one request. May leave the connection closed (faults do). */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws IOException;
  }

  private final Handler handler;
  private final Connections connections;
  private final ServerSocket serverSocket;
  private final Map<Socket, Thread> open = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private volatile boolean closed;

  /** Receives connection open/close counts for the stats. */
  public interface Connections {
    void opened();

    void closed();
  }

  /** Binds to 127.0.0.1:{@code port} (0 = any free port) and starts accepting. */
  public SimServer(int port, Handler handler, Connections connections) {
    this.handler = handler;
    this.connections = connections;
    try {
      serverSocket = new ServerSocket();
      serverSocket.setReuseAddress(true);
      // A large backlog lets a burst of thousands of connects queue (the kernel caps it at somaxconn).
      serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16384);
    } catch (IOException e) {
      throw new UncheckedIOException("simulator: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    acceptor = Thread.ofPlatform().daemon().name("chorus-sim-accept-" + port()).start(this::acceptLoop);
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue; // e.g. EMFILE under extreme load: keep serving the connections we have
      }
      connections.opened();
      Thread t = Thread.ofVirtual().name("chorus-sim-conn").unstarted(() -> serve(socket));
      open.put(socket, t);
      t.start();
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new ConnectionInput(socket.getInputStream(), 4096);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
      HttpRequestReader reader = new HttpRequestReader(in, out);
      while (!closed) {
        HttpRequest request;
        try {
          request = reader.read();
        } catch (HttpRequestReader.BadRequest e) {
          byte[] body = ("{\"error\":{\"message\":\"" + e.getMessage() + "\",\"type\":\"invalid_request_error\"}}")
              .getBytes(StandardCharsets.UTF_8);
          out.write(("HTTP/1.1 " + e.status + " " + Exchange.reason(e.status)
                  + "\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: " + body.length + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          out.write(body);
          out.flush();
          return;
        }
        if (request == null) {
          return;
        }
        Exchange exchange = new Exchange(socket, in, out, request);
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
      open.remove(socket);
      connections.closed();
    }
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
