package io.chorus.agents;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code error_handling} block of an agent file.
 *
 * <p>{@code max_retries} is used twice, on purpose: it is the engine's retry count for transport
 * failures ({@link RetryStrategy#toPolicy}) and the number of <b>repair rounds</b> the runner makes
 * when the answer does not validate against the output schema. When both are exhausted the {@code
 * fallback_agent} runs; when it fails too, the result is a typed failure.
 *
 * @param retryStrategy how transport failures are retried
 * @param maxRetries retries and repair rounds, at least 0 (default 2)
 * @param fallbackAgent the agent to run when this one fails, or null
 */
public record ErrorHandling(
    RetryStrategy retryStrategy, int maxRetries, @Nullable String fallbackAgent) {

  /** Exponential backoff, 2 retries, no fallback. */
  public static final ErrorHandling DEFAULT =
      new ErrorHandling(RetryStrategy.EXPONENTIAL_BACKOFF, 2, null);

  public ErrorHandling {
    Objects.requireNonNull(retryStrategy, "retryStrategy");
    if (maxRetries < 0) {
      throw new IllegalArgumentException(
          "error_handling.max_retries must not be negative, was " + maxRetries);
    }
  }
}
