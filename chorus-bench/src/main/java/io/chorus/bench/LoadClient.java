package io.chorus.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The HTTP/1.1 client of {@link GatewayLoad}: one fixed POST, written in one write on a keep-alive
 * connection, its response read to the end (a {@code Content-Length} body or chunks), noting when
 * the first body byte arrived and whether a stream ended with {@code data: [DONE]}.
 *
 * <p>Why by hand: the load generator shares two cores with the simulator and the gateway it
 * measures, so it must cost little and the same for every target; and it must tell when the first
 * byte of a stream arrives, which the JDK's {@code HttpClient} does not show without a subscriber
 * per request. A load generator that sends one request shape to loopback servers needs none of what
 * a general client does (TLS, redirects, HTTP/2, proxies).
 *
 * <p>Thread-safe: idle connections are pooled; each request owns its connection while it runs.
 */
final class LoadClient implements AutoCloseable {

  /** What one request saw. */
  record Result(int status, long firstByteNanos, long endNanos, boolean done) {}

  private final String host;
  private final int port;
  private final byte[] request;
  private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();
  private final int soTimeoutMillis;

  /**
   * @param url the endpoint, {@code http://127.0.0.1:PORT/path}
   * @param headers extra request headers
   * @param body the JSON body every request sends
   * @param soTimeoutMillis the longest silence a response may have
   */
  LoadClient(URI url, Map<String, String> headers, byte[] body, int soTimeoutMillis) {
    if (!"http".equals(url.getScheme())) {
      throw new IllegalArgumentException("plain http only: " + url);
    }
    this.host = url.getHost();
    this.port = url.getPort();
    this.soTimeoutMillis = soTimeoutMillis;
    StringBuilder head = new StringBuilder(256);
    head.append("POST ")
        .append(url.getRawPath())
        .append(" HTTP/1.1\r\nHost: ")
        .append(host)
        .append(':')
        .append(port)
        .append("\r\nContent-Type: application/json\r\nAccept: */*\r\nContent-Length: ")
        .append(body.length)
        .append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
    this.request = new byte[h.length + body.length];
    System.arraycopy(h, 0, request, 0, h.length);
    System.arraycopy(body, 0, request, h.length, body.length);
  }

  /** Sends the request and reads its response to the end; throws when the exchange fails. */
  Result send() throws IOException {
    Conn c = idle.pollFirst();
    if (c == null) {
      return exchange(open());
    }
    try {
      return exchange(c);
    } catch (IOException e) {
      // the server may have closed an idle connection: once more on a fresh one
      return exchange(open());
    }
  }

  /** One exchange on {@code c}, which goes back to the pool if it can be reused, else closes. */
  private Result exchange(Conn c) throws IOException {
    try {
      Result r = c.exchange(request);
      if (c.reusable) {
        idle.offerFirst(c);
      } else {
        c.close();
      }
      return r;
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  private Conn open() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(soTimeoutMillis);
      s.connect(new InetSocketAddress(host, port), 10_000);
      return new Conn(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Idle connections held now. */
  int idleConnections() {
    return idle.size();
  }

  @Override
  public void close() {
    for (Conn c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }

  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  /** One keep-alive connection. */
  private static final class Conn {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final byte[] buf = new byte[16 * 1024];
    final StringBuilder line = new StringBuilder(128);
    boolean reusable = true;

    Conn(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      this.out = socket.getOutputStream();
    }

    Result exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String status = readLine();
      if (status == null) {
        throw new IOException("the connection closed before a response");
      }
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      for (String h = readLine(); h != null && !h.isEmpty(); h = readLine()) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("content-length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
          chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
        } else if (name.equalsIgnoreCase("connection")) {
          reusable = !value.equalsIgnoreCase("close");
        }
      }
      long first = 0;
      boolean done = false;
      if (chunked) {
        while (true) {
          String size = readLine();
          if (size == null) {
            throw new IOException("the stream ended inside a chunked body");
          }
          int semi = size.indexOf(';');
          long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
          if (n == 0) {
            for (String t = readLine(); t != null && !t.isEmpty(); t = readLine()) {
              // trailers: none expected
            }
            break;
          }
          while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
              throw new IOException("the stream ended inside a chunk");
            }
            if (first == 0) {
              first = System.nanoTime();
            }
            if (!done && contains(buf, r, DONE)) {
              done = true;
            }
            n -= r;
          }
          readLine(); // the CRLF after the chunk
        }
      } else if (length >= 0) {
        long n = length;
        while (n > 0) {
          int r = in.read(buf, 0, (int) Math.min(buf.length, n));
          if (r < 0) {
            throw new IOException("the stream ended inside the body");
          }
          if (first == 0) {
            first = System.nanoTime();
          }
          n -= r;
        }
      } else {
        for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
          if (first == 0 && r > 0) {
            first = System.nanoTime();
          }
          if (!done && contains(buf, r, DONE)) {
            done = true;
          }
        }
        reusable = false;
      }
      long end = System.nanoTime();
      return new Result(code, first == 0 ? end : first, end, done);
    }

    private static boolean contains(byte[] b, int len, byte[] what) {
      outer:
      for (int i = 0; i + what.length <= len; i++) {
        for (int j = 0; j < what.length; j++) {
          if (b[i + j] != what[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }

    /** One CRLF-terminated line (ASCII), or null at the end of the stream. */
    private String readLine() throws IOException {
      line.setLength(0);
      while (true) {
        int c = in.read();
        if (c < 0) {
          return line.isEmpty() ? null : line.toString();
        }
        if (c == '\n') {
          int n = line.length();
          if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
          }
          return line.toString();
        }
        line.append((char) c);
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
