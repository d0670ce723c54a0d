package io.chorus.batch;

/** How a batch item ended. */
public enum ItemStatus {
  /** Its result is in the output file. */
  SUCCEEDED,
  /** It failed for good; it is in the dead-letter file. */
  FAILED
}
