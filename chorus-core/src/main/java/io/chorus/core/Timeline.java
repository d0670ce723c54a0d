package io.chorus.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * When a call or task was queued, admitted and ended, and each attempt it made. Reports draw their
 * concurrency timeline from this.
 *
 * @param callId {@code runId/index}
 * @param index the position in submission order
 * @param queuedAt when it was submitted
 * @param admittedAt when it passed the concurrency limit, or null if it never did
 * @param endedAt when its outcome was decided
 * @param attempts every attempt, in start order; empty for tasks that are not calls
 * @param rateLimitWait total time spent waiting for rate-limit buckets
 * @param usage tokens used by every attempt whose usage is known
 * @param costUsd the cost of that usage in US dollars, from the engine's {@link PriceTable}
 */
public record Timeline(
    String callId,
    int index,
    Instant queuedAt,
    @Nullable Instant admittedAt,
    Instant endedAt,
    List<Attempt> attempts,
    Duration rateLimitWait,
    Usage usage,
    double costUsd) {

  public Timeline {
    attempts = List.copyOf(attempts);
    if (rateLimitWait == null) {
      rateLimitWait = Duration.ZERO;
    }
    if (usage == null) {
      usage = Usage.ZERO;
    }
  }

  /** From queued to ended. */
  public Duration elapsed() {
    return Duration.between(queuedAt, endedAt);
  }

  /** Retries made (attempts of kind RETRY). */
  public long retries() {
    return attempts.stream().filter(a -> a.kind() == Attempt.Kind.RETRY).count();
  }

  /**
   * True when any attempt went to a synthetic provider (the simulator), whether it succeeded or
   * not: the one place a report learns that a call's answer, or its failure, was synthetic.
   */
  public boolean synthetic() {
    return attempts.stream().anyMatch(Attempt::synthetic);
  }

  /** Hedges made. */
  public long hedges() {
    return attempts.stream().filter(a -> a.kind() == Attempt.Kind.HEDGE).count();
  }
}
