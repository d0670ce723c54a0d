package io.chorus.gateway.internal;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Reads a request body no larger than the configured limit (413 in the protocol's shape beyond it).
 *
 * <p>A body over the limit is read to its end and discarded when at most {@link #SWALLOW_BYTES}
 * remain, so the client, which is usually still sending, reads the 413 on a connection that stays
 * open (answering first and closing resets the connection under a client still writing, and the JDK
 * client then reports "header parser received no bytes" instead of the 413). A larger rest is not
 * worth reading: the 413 says {@code Connection: close}. Tomcat's {@code maxSwallowSize} makes the
 * same trade.
 */
final class Bodies {

  /** How much of a too-large body the gateway reads and discards to answer it cleanly. */
  static final long SWALLOW_BYTES = 8L << 20;

  private Bodies() {}

  static byte[] read(ServerRequest req, long limit) {
    OptionalLong declared = req.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > limit) {
      throw tooLarge(req, limit, declared.getAsLong() <= SWALLOW_BYTES, null);
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    // chunked bodies declare no length: read at most limit + 1 bytes, then at most SWALLOW_BYTES
    int cap = (int) Math.min(limit + 1, Integer.MAX_VALUE - 16);
    byte[] buf = new byte[(int) Math.min(cap, declared.orElse(8192) + 1)];
    int n = 0;
    try (InputStream in = req.content().inputStream()) {
      while (true) {
        if (n == buf.length) {
          if (buf.length >= cap) {
            throw tooLarge(req, limit, true, in);
          }
          buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, cap));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (n > limit) {
      throw new GatewayException(ApiError.tooLarge(limit));
    }
    return Arrays.copyOf(buf, n);
  }

  /**
   * The 413, after discarding the rest of the body when {@code swallow} and it ends within {@link
   * #SWALLOW_BYTES}; otherwise one that closes the connection.
   */
  private static GatewayException tooLarge(
      ServerRequest req, long limit, boolean swallow, InputStream open) {
    boolean drained = false;
    if (swallow) {
      try {
        InputStream in = open != null ? open : req.content().inputStream();
        byte[] sink = new byte[16 * 1024];
        long left = SWALLOW_BYTES;
        while (left > 0) {
          int r = in.read(sink, 0, (int) Math.min(sink.length, left));
          if (r < 0) {
            drained = true;
            break;
          }
          left -= r;
        }
        drained = drained || in.read() < 0;
      } catch (IOException | RuntimeException e) { // the client went away: nothing to answer
        drained = false;
      }
    }
    return new GatewayException(ApiError.tooLarge(limit), !drained);
  }
}
