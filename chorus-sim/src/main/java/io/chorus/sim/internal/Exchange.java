package io.chorus.sim.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One request and the means to answer it, including the socket-level misbehaviour that fault
 * injection needs (reset, stall, truncation). Used by one virtual thread only.
 */
public final class Exchange {
  private final Socket socket;
  private final Socket raw;
  private final InputStream in;
  private final OutputStream out;
  private final HttpRequest request;
  private boolean connectionDone;

  /**
   * {@code socket} carries the HTTP bytes; {@code raw} is the TCP socket under it (the same without
   * TLS).
   */
  Exchange(Socket socket, Socket raw, InputStream in, OutputStream out, HttpRequest request) {
    this.socket = socket;
    this.raw = raw;
    this.in = in;
    this.out = out;
    this.request = request;
  }

  public HttpRequest request() {
    return request;
  }

  /** Whether the request came over TLS (for absolute URLs the simulator hands out). */
  public boolean secure() {
    return socket instanceof javax.net.ssl.SSLSocket;
  }

  /** Whether the connection can no longer carry another request. */
  boolean connectionDone() {
    return connectionDone || !request.keepAlive();
  }

  /** Sends a complete response with a Content-Length body. */
  public void respond(int status, List<String[]> headers, String contentType, byte[] body)
      throws IOException {
    StringBuilder head = head(status, headers);
    head.append("content-type: ").append(contentType).append("\r\n");
    head.append("content-length: ").append(body.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  /**
   * Sends headers announcing {@code declaredLength} bytes, sends only {@code body}, and closes: the
   * client sees a truncated body.
   */
  public void respondTruncated(
      int status, List<String[]> headers, String contentType, byte[] body, int declaredLength)
      throws IOException {
    respondPartial(status, headers, contentType, body, declaredLength);
    closeConnection();
  }

  /**
   * Sends the head announcing {@code declaredLength} bytes and only {@code part} of them; the
   * connection stays open.
   */
  public void respondPartial(
      int status, List<String[]> headers, String contentType, byte[] part, int declaredLength)
      throws IOException {
    StringBuilder head = head(status, headers);
    head.append("content-type: ").append(contentType).append("\r\n");
    head.append("content-length: ").append(declaredLength).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(part);
    out.flush();
  }

  /** Sends the headers of a server-sent-event stream; the body follows as chunks. */
  public EventStream startStream(List<String[]> headers) throws IOException {
    StringBuilder head = head(200, headers);
    head.append("content-type: text/event-stream; charset=utf-8\r\n");
    head.append("cache-control: no-cache\r\n");
    head.append("transfer-encoding: chunked\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return new EventStream(this, out);
  }

  /** Sends headers only (status 200, a body announced), then waits until the client gives up. */
  public void stall(List<String[]> headers, boolean streaming, Duration limit) throws IOException {
    StringBuilder head = head(200, headers);
    if (streaming) {
      head.append(
          "content-type: text/event-stream; charset=utf-8\r\ntransfer-encoding: chunked\r\n\r\n");
    } else {
      head.append("content-type: application/json\r\ncontent-length: 100000\r\n\r\n");
    }
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    waitForClientClose(limit);
  }

  /** Blocks until the client closes the connection, or {@code limit} passes; then closes it. */
  public void waitForClientClose(Duration limit) throws IOException {
    connectionDone = true;
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, limit.toMillis())));
      byte[] sink = new byte[512];
      while (in.read(sink) >= 0) {
        // the client may still send bytes (a next pipelined request); ignore them
      }
    } catch (SocketTimeoutException e) {
      // stall limit reached
    } finally {
      closeConnection();
    }
  }

  /**
   * Resets the connection: SO_LINGER 0 makes close() send a TCP RST instead of a FIN. Over TLS the
   * TCP socket is closed under the TLS one, so no close_notify precedes the reset.
   */
  public void reset() throws IOException {
    connectionDone = true;
    raw.setSoLinger(true, 0);
    raw.close();
  }

  /** Closes the connection normally (FIN). */
  public void closeConnection() throws IOException {
    connectionDone = true;
    socket.close();
  }

  private static StringBuilder head(int status, List<String[]> headers) {
    StringBuilder sb = new StringBuilder(512);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    for (String[] h : headers) {
      sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    return sb;
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 404 -> "Not Found";
      case 403 -> "Forbidden";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Payload Too Large";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      case 529 -> "Site Overloaded";
      default -> "Status";
    };
  }
}
