package io.chorus.providers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import okio.BufferedSource;
import okio.Okio;

/**
 * One keep-alive TCP connection of the {@link Http1Client}: the socket, a buffered source over its
 * input and its raw output.
 *
 * <p>The source wraps the socket's {@link InputStream}, not okio's socket source: okio's socket
 * timeouts take one global lock on every read, which is what this path exists to avoid. Timeouts
 * here are the engine's (it interrupts, and the interrupt hook cancels the call, closing the
 * socket) and the watchdog's.
 *
 * <p>Used by one exchange at a time; {@link #close()} may come from any thread.
 */
final class Http1Connection {
  final String route;
  final Socket socket;
  final BufferedSource in;
  final OutputStream out;
  private volatile long idleSince;

  private Http1Connection(String route, Socket socket) throws IOException {
    this.route = route;
    this.socket = socket;
    this.in = Okio.buffer(Okio.source(socket.getInputStream()));
    this.out = socket.getOutputStream();
  }

  /** Opens a connection to {@code host:port} within {@code connectTimeoutMillis}. */
  static Http1Connection open(String route, String host, int port, int connectTimeoutMillis)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      return new Http1Connection(route, socket);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  void markIdle(long nanoTime) {
    idleSince = nanoTime;
  }

  long idleNanos(long nanoTime) {
    return nanoTime - idleSince;
  }

  /**
   * Whether a pooled connection can carry another request: open, and (after {@code probeAfter}
   * nanoseconds idle) not closed by the server meanwhile, checked with a one-millisecond read that
   * must time out rather than find the end of the stream or stray bytes.
   */
  boolean isHealthy(long nanoTime, long probeAfterNanos) {
    if (socket.isClosed() || socket.isInputShutdown() || socket.isOutputShutdown()) {
      return false;
    }
    if (idleNanos(nanoTime) < probeAfterNanos) {
      return true;
    }
    try {
      socket.setSoTimeout(1);
      try {
        in.request(1);
        return false; // a stray byte or the end of the stream: either way not reusable
      } finally {
        socket.setSoTimeout(0);
      }
    } catch (SocketTimeoutException e) {
      return true; // nothing to read: the server still holds it open
    } catch (IOException e) {
      return false;
    }
  }

  void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing a socket we give up on: nothing to report
    }
  }
}
