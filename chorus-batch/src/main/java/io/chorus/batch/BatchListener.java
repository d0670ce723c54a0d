package io.chorus.batch;

import org.jspecify.annotations.Nullable;

/**
 * What a batch run tells its caller as it goes (a CLI drives a progress bar with it). Called from
 * the run's threads; must be quick and must not throw.
 */
public interface BatchListener {

  BatchListener NONE = new BatchListener() {};

  /**
   * The input was read: {@code items} usable lines, of which {@code alreadyDone} finished earlier.
   */
  default void planned(long items, long alreadyDone) {}

  /**
   * The journal or the output file failed: the run stops admitting calls now (in-flight ones finish
   * and are kept). Called once.
   */
  default void storeFailed(String message) {}

  /**
   * As {@link #storeFailed(String)}, saying where the responses of the calls in flight are kept:
   * {@code keptIn} is the spill file when the journal failed (beside the output, or in the
   * temporary directory when that disk is full too), or null when the journal still takes them
   * (only the output failed: a {@code --resume} writes them out). The default calls {@link
   * #storeFailed(String)}.
   */
  default void storeFailed(String message, java.nio.file.@Nullable Path keptIn) {
    storeFailed(message);
  }
}
