package io.chorus.gateway.internal;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Reads a request body no larger than the configured limit (413 in the protocol's shape beyond it).
 */
final class Bodies {

  private Bodies() {}

  static byte[] read(ServerRequest req, long limit) {
    OptionalLong declared = req.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > limit) {
      throw new GatewayException(ApiError.tooLarge(limit));
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    // chunked bodies declare no length: read at most limit + 1 bytes, never the rest
    int cap = (int) Math.min(limit + 1, Integer.MAX_VALUE - 16);
    byte[] buf = new byte[(int) Math.min(cap, declared.orElse(8192) + 1)];
    int n = 0;
    try (InputStream in = req.content().inputStream()) {
      while (true) {
        if (n == buf.length) {
          if (buf.length >= cap) {
            throw new GatewayException(ApiError.tooLarge(limit));
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
}
