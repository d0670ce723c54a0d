package io.chorus.sim.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads HTTP/1.1 requests from a connection: request line, headers, and a body delimited by
 * Content-Length or chunked encoding. Hand-written (see {@link SimServer} for why); it accepts what
 * the official SDKs, OkHttp, curl and the JDK client send and rejects the rest with a status.
 */
final class HttpRequestReader {
  static final int MAX_LINE = 16 * 1024;
  static final int MAX_HEADERS = 200;
  static final long MAX_BODY = 64L * 1024 * 1024;

  /** Headers that frame the body; a repeat that disagrees makes the request ambiguous. */
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding");

  /** A request that cannot be served; answered with {@code status} and the connection closed. */
  static final class BadRequest extends IOException {
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final InputStream in;
  private final OutputStream out;
  private final byte[] line = new byte[MAX_LINE];

  HttpRequestReader(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** The next request, or null when the client closed the connection between requests. */
  HttpRequest read() throws IOException {
    String requestLine = readLine(true);
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = readLine(true); // tolerate stray CRLF between requests (RFC 9112 2.2)
    }
    if (requestLine == null) {
      return null;
    }
    int sp1 = requestLine.indexOf(' ');
    int sp2 = requestLine.lastIndexOf(' ');
    if (sp1 <= 0 || sp2 <= sp1) {
      throw new BadRequest(400, "malformed request line");
    }
    String method = requestLine.substring(0, sp1).toUpperCase(Locale.ROOT);
    String target = requestLine.substring(sp1 + 1, sp2);
    String version = requestLine.substring(sp2 + 1);
    if (!version.startsWith("HTTP/1.")) {
      throw new BadRequest(505, "unsupported version " + version);
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; ; i++) {
      if (i > MAX_HEADERS) {
        throw new BadRequest(431, "too many headers");
      }
      String h = readLine(false);
      if (h == null) {
        throw new BadRequest(400, "connection closed inside headers");
      }
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(400, "malformed header line");
      }
      String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).strip();
      String earlier = headers.put(name, value);
      if (earlier != null && FRAMING.contains(name)) {
        if (!earlier.equals(value)) {
          throw new BadRequest(400, "conflicting " + name + " headers");
        }
        if (name.equals("transfer-encoding")) {
          throw new BadRequest(400, "repeated transfer-encoding header");
        }
      }
      if (name.equals("host") && earlier != null) {
        throw new BadRequest(400, "more than one host header");
      }
    }
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive =
        version.equals("HTTP/1.0")
            ? connection.contains("keep-alive")
            : !connection.contains("close");
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    byte[] body;
    String te = headers.get("transfer-encoding");
    if (te != null && headers.containsKey("content-length")) {
      // RFC 9112 6.1: a request smuggling vector when a proxy in front frames it the other way
      throw new BadRequest(400, "both content-length and transfer-encoding: ambiguous framing");
    }
    if (te != null && !te.equalsIgnoreCase("chunked")) {
      throw new BadRequest(
          400, "unsupported transfer-encoding '" + te + "' (only chunked is accepted)");
    }
    if (te != null) {
      body = readChunked();
    } else if (headers.containsKey("content-length")) {
      long len;
      String cl = headers.get("content-length");
      try {
        if (cl.isEmpty() || !cl.chars().allMatch(Character::isDigit)) {
          throw new NumberFormatException(cl); // "+5", "5, 6", " 5" are not a length
        }
        len = Long.parseLong(cl);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "bad content-length");
      }
      if (len < 0 || len > MAX_BODY) {
        throw new BadRequest(413, "body too large");
      }
      body = in.readNBytes((int) len);
      if (body.length != len) {
        throw new BadRequest(400, "connection closed inside body");
      }
    } else {
      body = new byte[0];
    }
    int q = target.indexOf('?');
    String path = q >= 0 ? target.substring(0, q) : target;
    return new HttpRequest(method, path, headers, body, keepAlive);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(false);
      if (sizeLine == null) {
        throw new BadRequest(400, "connection closed inside chunked body");
      }
      int semi = sizeLine.indexOf(';');
      long size;
      try {
        size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "bad chunk size");
      }
      if (size < 0 || body.size() + size > MAX_BODY) {
        throw new BadRequest(413, "body too large");
      }
      if (size == 0) {
        while (true) { // trailers
          String t = readLine(false);
          if (t == null || t.isEmpty()) {
            return body.toByteArray();
          }
        }
      }
      byte[] chunk = in.readNBytes((int) size);
      if (chunk.length != size) {
        throw new BadRequest(400, "connection closed inside chunk");
      }
      body.writeBytes(chunk);
      readLine(false); // CRLF after the chunk
    }
  }

  /** A line without its CRLF (or bare LF); null at end of stream before any byte. */
  private String readLine(boolean eofAllowed) throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (n == 0 && eofAllowed) {
          return null;
        }
        return n == 0 ? null : new String(line, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        if (n > 0 && line[n - 1] == '\r') {
          n--;
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (n == line.length) {
        throw new BadRequest(431, "line too long");
      }
      line[n++] = (byte) b;
    }
  }
}
