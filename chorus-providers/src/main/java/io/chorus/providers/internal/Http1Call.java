package io.chorus.providers.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.Okio;

/**
 * One request on the plain HTTP/1.1 path of {@link Http1Client}: writes the request in one write,
 * reads the status line and headers, and returns an OkHttp {@link Response} whose body reads the
 * rest from the same connection, so the providers' code is the same on both paths.
 *
 * <p>Executed once by one thread; {@link #cancel()} may come from any thread and closes the
 * connection, failing a blocked read at once.
 */
final class Http1Call implements WireCall {
  private static final long MAX_HEADER_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 256;

  private final Http1Client client;
  private final Request request;
  private volatile boolean canceled;

  /** The connection while this call owns it: taken by cancel() or handed back by the body. */
  private final AtomicReference<Http1Connection> owned = new AtomicReference<>();

  private boolean executed;

  Http1Call(Http1Client client, Request request) {
    this.client = client;
    this.request = request;
  }

  @Override
  public HttpUrl url() {
    return request.url();
  }

  @Override
  public Response execute() throws IOException {
    if (executed) {
      throw new IllegalStateException("already executed");
    }
    executed = true;
    if (canceled) {
      throw new IOException("Canceled");
    }
    HttpUrl url = request.url();
    Http1Connection c = client.acquire(url.host(), url.port());
    owned.set(c);
    if (canceled) { // a cancel that raced the acquisition
      c.close();
      throw new IOException("Canceled");
    }
    long sentAt = System.currentTimeMillis();
    try {
      c.out.write(encode(request));
      c.out.flush();
      return readResponse(c, sentAt);
    } catch (IOException | RuntimeException e) {
      c.close();
      if (canceled && !(e instanceof InterruptedIOException)) {
        throw new IOException("Canceled", e);
      }
      throw e;
    }
  }

  /** The request line, headers and body as bytes, written in one go. */
  static byte[] encode(Request request) throws IOException {
    HttpUrl url = request.url();
    Buffer body = new Buffer();
    RequestBody rb = request.body();
    if (rb != null) {
      rb.writeTo(body);
    }
    StringBuilder head = new StringBuilder(256);
    head.append(request.method()).append(' ').append(url.encodedPath());
    if (url.encodedQuery() != null) {
      head.append('?').append(url.encodedQuery());
    }
    head.append(" HTTP/1.1\r\n");
    Headers headers = request.headers();
    if (headers.get("Host") == null) {
      head.append("Host: ").append(hostHeader(url)).append("\r\n");
    }
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (!name.equalsIgnoreCase("Content-Length")
          && !name.equalsIgnoreCase("Transfer-Encoding")
          && !name.equalsIgnoreCase("Connection")) {
        head.append(name).append(": ").append(headers.value(i)).append("\r\n");
      }
    }
    if (rb != null) {
      MediaType type = rb.contentType();
      if (type != null && headers.get("Content-Type") == null) {
        head.append("Content-Type: ").append(type).append("\r\n");
      }
    }
    if (rb != null || request.method().equals("POST") || request.method().equals("PUT")) {
      head.append("Content-Length: ").append(body.size()).append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + (int) body.size()]; // one write, one packet with TCP_NODELAY
    System.arraycopy(h, 0, all, 0, h.length);
    for (int off = h.length; off < all.length; ) {
      off += body.read(all, off, all.length - off); // a read moves at most one 8 KiB segment
    }
    return all;
  }

  private static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  private Response readResponse(Http1Connection c, long sentAt) throws IOException {
    while (true) {
      String statusLine = c.in.readUtf8LineStrict(MAX_HEADER_LINE);
      Status status = Status.parse(statusLine);
      Headers headers = readHeaders(c);
      if (status.code >= 100 && status.code < 200 && status.code != 101) {
        continue; // an interim response (100 Continue, 103 Early Hints): the real one follows
      }
      return response(c, status, headers, sentAt);
    }
  }

  private static Headers readHeaders(Http1Connection c) throws IOException {
    Headers.Builder b = new Headers.Builder();
    for (int n = 0; ; n++) {
      String line = c.in.readUtf8LineStrict(MAX_HEADER_LINE);
      if (line.isEmpty()) {
        return b.build();
      }
      if (n >= MAX_HEADERS) {
        throw new ProtocolException("more than " + MAX_HEADERS + " response headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("bad response header line '" + line + "'");
      }
      b.addUnsafeNonAscii(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
  }

  private Response response(Http1Connection c, Status status, Headers headers, long sentAt)
      throws IOException {
    boolean keepAlive =
        status.http11
            ? !hasToken(headers, "Connection", "close")
            : hasToken(headers, "Connection", "keep-alive");
    Http1Body body;
    long length = -1;
    if (request.method().equals("HEAD") || status.code == 204 || status.code == 304) {
      body = new Http1Body(client, this, c, Http1Body.Framing.LENGTH, 0, keepAlive);
      length = 0;
    } else if (hasToken(headers, "Transfer-Encoding", "chunked")) {
      body = new Http1Body(client, this, c, Http1Body.Framing.CHUNKED, -1, keepAlive);
    } else if (headers.get("Content-Length") != null
        && contentLength(headers.get("Content-Length")) >= 0) {
      length = contentLength(headers.get("Content-Length"));
      body = new Http1Body(client, this, c, Http1Body.Framing.LENGTH, length, keepAlive);
    } else { // no length (or -1, which some servers send for "unknown", as OkHttp also accepts)
      body = new Http1Body(client, this, c, Http1Body.Framing.UNTIL_CLOSE, -1, false);
    }
    String type = headers.get("Content-Type");
    return new Response.Builder()
        .request(request)
        .protocol(status.http11 ? Protocol.HTTP_1_1 : Protocol.HTTP_1_0)
        .code(status.code)
        .message(status.message)
        .headers(headers)
        .body(ResponseBody.create(Okio.buffer(body), client.mediaType(type), length))
        .sentRequestAtMillis(sentAt)
        .receivedResponseAtMillis(System.currentTimeMillis())
        .build();
  }

  private static long contentLength(String value) throws ProtocolException {
    try {
      long n = Long.parseLong(value.trim());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad Content-Length '" + value + "'");
    }
  }

  private static boolean hasToken(Headers headers, String name, String token) {
    for (String v : headers.values(name)) {
      for (String part : v.split(",")) {
        if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Gives up ownership of {@code c} once the body is done with it; false when a cancel took it
   * first (and closed it). After this, a late cancel cannot close a connection another call uses.
   */
  boolean detach(Http1Connection c) {
    return owned.compareAndSet(c, null);
  }

  @Override
  public void cancel() {
    canceled = true;
    Http1Connection c = owned.getAndSet(null);
    if (c != null) {
      c.close();
    }
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }

  /** A parsed status line. */
  private record Status(boolean http11, int code, String message) {
    static Status parse(String line) throws ProtocolException {
      boolean http11;
      if (line.startsWith("HTTP/1.1 ")) {
        http11 = true;
      } else if (line.startsWith("HTTP/1.0 ")) {
        http11 = false;
      } else {
        throw new ProtocolException("unexpected status line '" + line + "'");
      }
      try {
        int code = Integer.parseInt(line.substring(9, Math.min(12, line.length())));
        String message = line.length() > 13 ? line.substring(13) : "";
        return new Status(http11, code, message);
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw new ProtocolException("unexpected status line '" + line + "'");
      }
    }
  }
}
