package io.chorus.agents;

import io.chorus.core.RetryPolicy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code error_handling.retry_strategy} of an agent file, and the engine {@link RetryPolicy} it
 * maps to. The agent's {@code max_retries} sets {@link RetryPolicy#maxRetries()}.
 */
public enum RetryStrategy {
  /**
   * {@code exponential_backoff}: the engine's default backoff (0.5 s doubling to 8 s, jittered).
   */
  EXPONENTIAL_BACKOFF("exponential_backoff"),
  /** {@code fixed_delay}: the same 1 s wait before every retry (jittered). */
  FIXED_DELAY("fixed_delay"),
  /** {@code none}: transport failures are not retried (output repair rounds still happen). */
  NONE("none");

  private final String wireName;

  RetryStrategy(String wireName) {
    this.wireName = wireName;
  }

  /** The name written in agent files. */
  public String wireName() {
    return wireName;
  }

  /** The strategy written as {@code text} (case-insensitive), if it is one. */
  public static Optional<RetryStrategy> parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.wireName.equals(t)).findFirst();
  }

  /** The names accepted by {@link #parse}, for error messages. */
  public static String accepted() {
    return Arrays.stream(values()).map(RetryStrategy::wireName).collect(Collectors.joining(", "));
  }

  /** The engine retry policy for this strategy with {@code maxRetries} retries. */
  public RetryPolicy toPolicy(int maxRetries) {
    return switch (this) {
      case EXPONENTIAL_BACKOFF -> RetryPolicy.DEFAULT.toBuilder().maxRetries(maxRetries).build();
      case FIXED_DELAY ->
          RetryPolicy.DEFAULT.toBuilder()
              .maxRetries(maxRetries)
              .initialBackoff(java.time.Duration.ofSeconds(1))
              .maxBackoff(java.time.Duration.ofSeconds(1))
              .multiplier(1)
              .build();
      case NONE -> RetryPolicy.NONE;
    };
  }
}
