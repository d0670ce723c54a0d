package io.chorus.providers;

/**
 * Where a provider batch is, as the provider reports it.
 *
 * @param provider the provider's name
 * @param id the provider's batch id ({@code msgbatch_…}, {@code batch_…})
 * @param state the provider's status word ({@code in_progress}, {@code ended}, {@code finalizing},
 *     {@code completed}, {@code expired}, {@code cancelled}, …)
 * @param ended whether its results are final and can be read
 * @param total requests in the batch
 * @param succeeded requests answered so far
 * @param failed requests that failed so far (errored; expired and canceled once it ended)
 */
public record BatchStatus(
    String provider, String id, String state, boolean ended, int total, int succeeded, int failed) {

  /** Requests still being processed. */
  public int pending() {
    return Math.max(0, total - succeeded - failed);
  }

  /**
   * One line for a progress display: {@code anthropic msgbatch_01: in_progress 40/100 (2 failed)}.
   */
  public String describe() {
    return provider
        + " "
        + id
        + ": "
        + state
        + " "
        + (succeeded + failed)
        + "/"
        + total
        + (failed > 0 ? " (" + failed + " failed)" : "");
  }
}
