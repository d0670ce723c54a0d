package io.chorus.sim.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A buffered input stream for one connection, read by one thread and so without locks.
 *
 * <p>Why not {@link java.io.BufferedInputStream}: it takes a lock on every {@code read()}, and
 * {@link HttpRequestReader} reads request lines byte by byte, so a request's few hundred header
 * bytes cost as many lock round trips (a fifth of the simulator's CPU per request in the P2
 * benchmark).
 *
 * <p>Not thread-safe: one connection, one thread.
 */
final class ConnectionInput extends InputStream {
  private final InputStream in;
  private final Socket socket;
  private final byte[] buf;
  private int pos;
  private int limit;
  private long deadlineNanos;
  private String deadlineWhat;

  ConnectionInput(InputStream in, int size) {
    this(in, null, size);
  }

  /**
   * Reads {@code socket}'s stream; {@link #deadline} bounds the reads through the socket's timeout.
   */
  ConnectionInput(Socket socket, int size) throws IOException {
    this(socket.getInputStream(), socket, size);
  }

  private ConnectionInput(InputStream in, Socket socket, int size) {
    this.in = in;
    this.socket = socket;
    this.buf = new byte[size];
  }

  /**
   * Reads from now on must end by {@code nanos} ({@link System#nanoTime()}), or throw {@link
   * SocketTimeoutException} naming {@code what}; 0 removes the deadline. A slow client that sends a
   * byte now and then cannot stretch a read: the deadline is for all reads together.
   */
  void deadline(long nanos, String what) {
    this.deadlineNanos = nanos;
    this.deadlineWhat = what;
  }

  /** Whether a byte is available (waiting for it, within the deadline); false at end of stream. */
  boolean awaitData() throws IOException {
    return pos < limit || fill();
  }

  private boolean fill() throws IOException {
    int n = readThrough(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  @Override
  public int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int buffered = limit - pos;
    if (buffered > 0) {
      int n = Math.min(buffered, len);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
    if (len >= buf.length) {
      return readThrough(b, off, len); // large reads skip the copy
    }
    if (!fill()) {
      return -1;
    }
    return read(b, off, len);
  }

  /** One read of the underlying stream, bounded by the deadline. */
  private int readThrough(byte[] b, int off, int len) throws IOException {
    if (socket != null) {
      int timeout = 0;
      if (deadlineNanos != 0) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException(deadlineWhat);
        }
        timeout =
            (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      socket.setSoTimeout(timeout);
    }
    try {
      return in.read(b, off, len);
    } catch (SocketTimeoutException e) {
      throw new SocketTimeoutException(deadlineWhat);
    }
  }

  @Override
  public int available() throws IOException {
    return (limit - pos) + in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
