package io.chorus.batch;

/** One non-blank line of a batch input, as {@link BatchInput} read it: an item or a reject. */
public sealed interface InputLine permits BatchItem, Reject {

  /** Its 1-based line number. */
  int line();
}
