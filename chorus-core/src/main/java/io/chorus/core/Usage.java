package io.chorus.core;

/**
 * Tokens used by one response.
 *
 * <p>{@code inputTokens} counts uncached input only, as Anthropic reports it; cache writes and
 * reads are separate because they are priced differently (1.25x and 0.1x of input on Anthropic).
 *
 * @param inputTokens uncached input tokens
 * @param outputTokens output tokens (for xAI, excluding reasoning tokens, as xAI reports them)
 * @param cacheWriteTokens input tokens written to the prompt cache
 * @param cacheReadTokens input tokens read from the prompt cache
 */
public record Usage(
    long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens) {

  public static final Usage ZERO = new Usage(0, 0, 0, 0);

  public Usage {
    if (inputTokens < 0 || outputTokens < 0 || cacheWriteTokens < 0 || cacheReadTokens < 0) {
      throw new IllegalArgumentException("usage: token counts must not be negative");
    }
  }

  public static Usage of(long inputTokens, long outputTokens) {
    return new Usage(inputTokens, outputTokens, 0, 0);
  }

  /** All input tokens, cached or not. */
  public long totalInputTokens() {
    return inputTokens + cacheWriteTokens + cacheReadTokens;
  }

  /** All tokens of every kind. */
  public long totalTokens() {
    return totalInputTokens() + outputTokens;
  }

  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheWriteTokens + other.cacheWriteTokens,
        cacheReadTokens + other.cacheReadTokens);
  }
}
