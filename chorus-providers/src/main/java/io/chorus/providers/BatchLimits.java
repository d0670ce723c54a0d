package io.chorus.providers;

/**
 * How much one provider batch may hold; a larger set of requests is split over several batches.
 *
 * @param maxRequests the most requests in one batch
 * @param maxBytes the most bytes of encoded requests in one batch
 */
public record BatchLimits(int maxRequests, long maxBytes) {
  /** Anthropic Message Batches: 100,000 requests or 256 MB, whichever comes first. */
  public static final BatchLimits ANTHROPIC = new BatchLimits(100_000, 256L * 1024 * 1024);

  /** OpenAI Batch: 50,000 requests or a 200 MB input file. */
  public static final BatchLimits OPENAI = new BatchLimits(50_000, 200L * 1024 * 1024);

  public BatchLimits {
    if (maxRequests <= 0 || maxBytes <= 0) {
      throw new IllegalArgumentException(
          "batch limits: maxRequests (" + maxRequests + ") and maxBytes must be positive");
    }
  }
}
