package io.chorus.cli;

import io.chorus.providers.BatchStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Prints the progress of provider batches while the provider works ({@code --via batch-api}): one
 * line when a batch is submitted (or, on a resume, first polled), one when its status or count
 * changes (at most one a second per batch, the last always), e.g. {@code batch-api: anthropic
 * msgbatch_01…: in_progress 40/100}.
 */
final class BatchProgress implements Consumer<BatchStatus> {
  private static final long QUIET_NANOS = 1_000_000_000L;

  private final Consumer<String> out;
  private final Map<String, String> last = new ConcurrentHashMap<>();
  private final Map<String, Long> printedAt = new ConcurrentHashMap<>();

  private final java.util.Set<String> earlier;

  /**
   * @param earlier ids of batches submitted by an earlier run (a resume polls them: not
   *     "submitted")
   */
  BatchProgress(Consumer<String> out, java.util.Set<String> earlier) {
    this.out = out;
    this.earlier = java.util.Set.copyOf(earlier);
  }

  @Override
  public void accept(BatchStatus s) {
    String line = s.describe();
    String before = last.put(s.id(), line);
    if (line.equals(before)) {
      return;
    }
    long now = System.nanoTime();
    Long at = printedAt.get(s.id());
    if (before != null && !s.ended() && at != null && now - at < QUIET_NANOS) {
      return;
    }
    printedAt.put(s.id(), now);
    String first =
        earlier.contains(s.id()) ? "polling (submitted by an earlier run) " : "submitted ";
    out.accept("batch-api: " + (before == null ? first : "") + line);
  }
}
