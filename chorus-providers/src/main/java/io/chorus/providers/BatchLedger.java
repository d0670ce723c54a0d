package io.chorus.providers;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Durable record of the provider batches a {@link BatchRoute} submitted, so that a run killed while
 * the provider works resumes by polling them instead of submitting their requests again. {@link
 * #submitted} is called right after the provider accepted a batch and before it is polled.
 *
 * <p>Implementations are thread-safe, and every mutating method is durable when it returns.
 */
public interface BatchLedger {

  /**
   * One provider batch.
   *
   * @param provider the provider's name
   * @param batchId the provider's batch id
   * @param customIds the custom ids of its requests
   * @param ended whether its results were read to the end
   */
  record Submission(String provider, String batchId, List<String> customIds, boolean ended) {
    public Submission {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(batchId, "batchId");
      customIds = List.copyOf(customIds);
    }
  }

  /** Records a batch the provider accepted ({@code ended} false). */
  void submitted(Submission submission);

  /** Records that a batch's results were read to the end. */
  void ended(String provider, String batchId);

  /** Every batch recorded, in submission order. */
  List<Submission> submissions();

  /** A ledger in memory only: nothing survives the process (no resume across runs). */
  static BatchLedger inMemory() {
    return new FileBatchLedger(null);
  }

  /**
   * A ledger in an append-only JSON Lines file, each record forced to disk before the method
   * returns; created when missing.
   *
   * @throws java.io.UncheckedIOException naming the file when it cannot be read or created
   */
  static BatchLedger file(Path file) {
    return new FileBatchLedger(Objects.requireNonNull(file, "file"));
  }
}
