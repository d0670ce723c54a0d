package io.chorus.providers.internal;

/**
 * The largest response body and the largest server-sent event a provider accepts, so that a runaway
 * or hostile server cannot exhaust the heap (five 150 MB answers at {@code -Xmx512m} did). An LLM
 * answer of 128k tokens is under 1 MB of JSON: the defaults leave a wide margin.
 *
 * @param maxBodyBytes the largest non-streamed body, in bytes
 * @param maxEventBytes the largest single server-sent event (its data lines together), in bytes
 */
public record BodyLimits(long maxBodyBytes, long maxEventBytes) {
  /** 16 MiB per body, 4 MiB per event. */
  public static final BodyLimits DEFAULT = new BodyLimits(16L << 20, 4L << 20);

  public BodyLimits {
    if (maxBodyBytes < 1024 || maxEventBytes < 1024) {
      throw new IllegalArgumentException(
          "response size limits must be at least 1 KiB, were "
              + maxBodyBytes
              + " and "
              + maxEventBytes);
    }
  }
}
