package io.chorus.sim.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated batch APIs behave.
 *
 * @param processingTime a batch's items finish evenly over this time after creation
 * @param expiresAfter items not finished this long after creation end {@code expired}
 * @param maxRequests the most requests one batch may hold, or 0 for the provider's own (Anthropic
 *     100,000, OpenAI 50,000)
 */
public record BatchSettings(Duration processingTime, Duration expiresAfter, int maxRequests) {
  public static final BatchSettings DEFAULT =
      new BatchSettings(Duration.ofMillis(200), Duration.ofHours(24), 0);

  public BatchSettings {
    Objects.requireNonNull(processingTime, "processingTime");
    Objects.requireNonNull(expiresAfter, "expiresAfter");
    if (processingTime.isNegative() || expiresAfter.isNegative() || maxRequests < 0) {
      throw new IllegalArgumentException("batches: durations and maxRequests must not be negative");
    }
  }

  public BatchSettings with(Duration processing, Duration expires) {
    return new BatchSettings(processing, expires, maxRequests);
  }

  public BatchSettings withMaxRequests(int max) {
    return new BatchSettings(processingTime, expiresAfter, max);
  }
}
