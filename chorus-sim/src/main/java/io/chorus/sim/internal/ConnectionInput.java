package io.chorus.sim.internal;

import java.io.IOException;
import java.io.InputStream;

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
  private final byte[] buf;
  private int pos;
  private int limit;

  ConnectionInput(InputStream in, int size) {
    this.in = in;
    this.buf = new byte[size];
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
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
      return in.read(b, off, len); // large reads skip the copy
    }
    if (!fill()) {
      return -1;
    }
    return read(b, off, len);
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
