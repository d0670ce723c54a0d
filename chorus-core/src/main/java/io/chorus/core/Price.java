package io.chorus.core;

/**
 * A model's price in US dollars per million tokens.
 *
 * @param inputPerMillion uncached input
 * @param outputPerMillion output
 * @param cacheWritePerMillion prompt-cache writes (Anthropic: 1.25 x input)
 * @param cacheReadPerMillion prompt-cache reads (Anthropic: 0.1 x input)
 */
public record Price(
    double inputPerMillion,
    double outputPerMillion,
    double cacheWritePerMillion,
    double cacheReadPerMillion) {

  public static final Price FREE = new Price(0, 0, 0, 0);

  /**
   * The share of the list price paid through the providers' batch APIs: Anthropic Message Batches
   * and the OpenAI Batch API both bill every token kind at 50%.
   */
  public static final double BATCH_SHARE = 0.5;

  public Price {
    if (inputPerMillion < 0
        || outputPerMillion < 0
        || cacheWritePerMillion < 0
        || cacheReadPerMillion < 0) {
      throw new IllegalArgumentException("price: amounts must not be negative");
    }
  }

  /** Input and output prices, with Anthropic's cache multipliers (1.25x write, 0.1x read). */
  public static Price of(double inputPerMillion, double outputPerMillion) {
    return new Price(
        inputPerMillion, outputPerMillion, inputPerMillion * 1.25, inputPerMillion * 0.1);
  }

  /**
   * This price through a provider batch API: every amount at {@link #BATCH_SHARE} (cache writes and
   * reads included, as both providers bill them in a batch).
   */
  public Price batch() {
    return new Price(
        inputPerMillion * BATCH_SHARE,
        outputPerMillion * BATCH_SHARE,
        cacheWritePerMillion * BATCH_SHARE,
        cacheReadPerMillion * BATCH_SHARE);
  }

  /** The cost of {@code usage} in US dollars. */
  public double cost(Usage usage) {
    return (usage.inputTokens() * inputPerMillion
            + usage.outputTokens() * outputPerMillion
            + usage.cacheWriteTokens() * cacheWritePerMillion
            + usage.cacheReadTokens() * cacheReadPerMillion)
        / 1_000_000.0;
  }
}
