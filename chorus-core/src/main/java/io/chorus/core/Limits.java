package io.chorus.core;

/**
 * Limits for one provider or one model. Zero means "no limit" for each field; negative values are
 * rejected.
 *
 * <p>Limits are shared by everything in the process that uses the same {@link Engine}, nested
 * patterns included: nesting never multiplies them. A call must pass both its provider's and its
 * model's limits.
 *
 * @param maxConcurrency calls in flight at once (a bulkhead; when full, higher-priority calls are
 *     admitted first, then first come first served)
 * @param requestsPerMinute requests started per minute (token bucket refilled continuously at this
 *     rate; it starts, and refills to, 1% below a full minute's worth, so that the provider's own
 *     bucket always has that much in hand and jitter in transit never draws a 429)
 * @param tokensPerMinute tokens per minute; a call reserves its estimate (prompt estimate plus max
 *     tokens) before it starts and the bucket is reconciled with actual usage after it (the same 1%
 *     headroom applies)
 */
public record Limits(int maxConcurrency, double requestsPerMinute, double tokensPerMinute) {

  public static final Limits NONE = new Limits(0, 0, 0);

  public Limits {
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException(
          "limits.maxConcurrency must not be negative, was " + maxConcurrency);
    }
    if (!(requestsPerMinute >= 0)) {
      throw new IllegalArgumentException(
          "limits.requestsPerMinute must not be negative, was " + requestsPerMinute);
    }
    if (!(tokensPerMinute >= 0)) {
      throw new IllegalArgumentException(
          "limits.tokensPerMinute must not be negative, was " + tokensPerMinute);
    }
  }

  public static Limits concurrency(int max) {
    return new Limits(Checks.positive("limits.maxConcurrency", max), 0, 0);
  }

  public Limits withRequestsPerMinute(double rpm) {
    if (rpm == 0) {
      throw new IllegalArgumentException(
          "limits.requestsPerMinute must be positive when set, was 0");
    }
    return new Limits(maxConcurrency, rpm, tokensPerMinute);
  }

  public Limits withTokensPerMinute(double tpm) {
    if (tpm == 0) {
      throw new IllegalArgumentException("limits.tokensPerMinute must be positive when set, was 0");
    }
    return new Limits(maxConcurrency, requestsPerMinute, tpm);
  }

  public Limits withMaxConcurrency(int max) {
    return new Limits(
        Checks.positive("limits.maxConcurrency", max), requestsPerMinute, tokensPerMinute);
  }
}
