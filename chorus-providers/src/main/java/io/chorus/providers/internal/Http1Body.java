package io.chorus.providers.internal;

import java.io.IOException;
import java.net.ProtocolException;
import okio.Buffer;
import okio.BufferedSource;
import okio.Source;
import okio.Timeout;

/**
 * A response body on an {@link Http1Connection}, framed by {@code Content-Length}, by chunked
 * transfer coding, or by the end of the stream. Read to its end and closed, it hands a reusable
 * connection back to the pool; closed early or broken, it closes the connection.
 *
 * <p>Closed before its end, it first reads what is left if that is little and comes at once (at
 * most {@link #DRAIN_BYTES} within {@link #DRAIN_MILLIS}, as OkHttp does): a stream decoder stops
 * at {@code [DONE]} or {@code message_stop}, before the chunk that ends the body, and without the
 * drain every streamed call cost a new TCP connection (10,003 for 10,000 streams).
 *
 * <p>Read by one thread; {@link #close()} is idempotent.
 */
final class Http1Body implements Source {
  /** How the body ends. */
  enum Framing {
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  private static final long MAX_LINE = 8192;
  static final int DRAIN_MILLIS = 100;
  static final long DRAIN_BYTES = 64 * 1024;

  private final Http1Client client;
  private final Http1Call call;
  private final Http1Connection connection;
  private final BufferedSource in;
  private final Framing framing;
  private final boolean reusable;
  private long remaining; // in the body (LENGTH) or in the current chunk (CHUNKED)
  private boolean firstChunk = true;
  private boolean done;
  private boolean closed;

  /**
   * @param length the {@code Content-Length} for {@link Framing#LENGTH}
   * @param reusable whether the connection may carry another request once this body is read
   */
  Http1Body(
      Http1Client client,
      Http1Call call,
      Http1Connection connection,
      Framing framing,
      long length,
      boolean reusable) {
    this.client = client;
    this.call = call;
    this.connection = connection;
    this.in = connection.in;
    this.framing = framing;
    this.reusable = reusable && framing != Framing.UNTIL_CLOSE;
    this.remaining = framing == Framing.LENGTH ? length : 0;
    this.done = framing == Framing.LENGTH && length == 0;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (done || byteCount == 0) {
      return done ? -1 : 0;
    }
    try {
      return switch (framing) {
        case LENGTH -> readFixed(sink, byteCount);
        case CHUNKED -> readChunked(sink, byteCount);
        case UNTIL_CLOSE -> readToEnd(sink, byteCount);
      };
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private long readFixed(Buffer sink, long byteCount) throws IOException {
    long n = in.read(sink, Math.min(byteCount, remaining));
    if (n == -1) {
      throw new ProtocolException(
          "the connection closed " + remaining + " bytes before the end of the body");
    }
    remaining -= n;
    if (remaining == 0) {
      done = true;
    }
    return n;
  }

  private long readChunked(Buffer sink, long byteCount) throws IOException {
    if (remaining == 0) {
      if (!firstChunk) {
        expectLineEnd(); // the CRLF after the previous chunk's data
      }
      firstChunk = false;
      remaining = chunkSize(in.readUtf8LineStrict(MAX_LINE));
      if (remaining == 0) {
        skipTrailers();
        done = true;
        return -1;
      }
    }
    long n = in.read(sink, Math.min(byteCount, remaining));
    if (n == -1) {
      throw new ProtocolException("the connection closed inside a chunk");
    }
    remaining -= n;
    return n;
  }

  private long readToEnd(Buffer sink, long byteCount) throws IOException {
    long n = in.read(sink, byteCount);
    if (n == -1) {
      done = true;
    }
    return n;
  }

  private void expectLineEnd() throws IOException {
    String line = in.readUtf8LineStrict(MAX_LINE);
    if (!line.isEmpty()) {
      throw new ProtocolException("expected CRLF after a chunk, got '" + line + "'");
    }
  }

  static long chunkSize(String line) throws ProtocolException {
    int semi = line.indexOf(';'); // chunk extensions are ignored
    String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0) {
        throw new NumberFormatException();
      }
      return size;
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad chunk size '" + line + "'");
    }
  }

  private void skipTrailers() throws IOException {
    while (!in.readUtf8LineStrict(MAX_LINE).isEmpty()) {
      // trailer fields carry nothing the providers use
    }
  }

  @Override
  public Timeout timeout() {
    return in.timeout();
  }

  /**
   * Reads the rest of the body if it is short and already on its way; read() closes the connection
   * on failure.
   */
  private void drain() {
    try {
      connection.socket.setSoTimeout(DRAIN_MILLIS);
      try {
        Buffer scratch = new Buffer();
        long total = 0;
        while (!done && total <= DRAIN_BYTES) {
          long n = read(scratch, 8192);
          if (n > 0) {
            total += n;
            scratch.clear();
          }
        }
      } finally {
        if (!connection.socket.isClosed()) {
          connection.socket.setSoTimeout(0);
        }
      }
    } catch (IOException | RuntimeException e) {
      connection.close(); // too slow, too long or broken: not worth keeping
    }
  }

  /** Hands the connection back when the body was read to its end, else closes it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (!done && reusable && !call.isCanceled()) {
      drain();
    }
    closed = true;
    boolean mine = call.detach(connection);
    if (mine && done && reusable) {
      client.release(connection);
    } else {
      connection.close();
    }
  }
}
