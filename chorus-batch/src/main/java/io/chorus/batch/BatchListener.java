package io.chorus.batch;

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
}
