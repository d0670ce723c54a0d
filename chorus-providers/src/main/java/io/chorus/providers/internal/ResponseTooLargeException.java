package io.chorus.providers.internal;

import java.io.IOException;

/** A response body or server-sent event exceeded its {@link BodyLimits}; the read stops there. */
public final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public ResponseTooLargeException(String what, long limit) {
    super(
        what
            + " larger than the "
            + mib(limit)
            + " limit (maxResponseBytes / maxEventBytes): not read further");
  }

  private static String mib(long bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }
}
