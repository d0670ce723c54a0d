package io.chorus.cli.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.TaskContext;

/**
 * What a batch does with each item: one call, or a whole pattern (a vote, sections). Runs inside an
 * engine task, so its calls share the engine's limits and response cache.
 *
 * <p>Implementations are thread-safe and deterministic in the requests they make for an item (same
 * item, same requests, same sample indexes), which is what lets a resumed batch find the responses
 * of its earlier run in the journal.
 */
public interface BatchWorkflow {

  /** A short description recorded in the journal and reports, e.g. {@code call sim:fast}. */
  String describe();

  /** Throws IllegalArgumentException, with a message, when the item cannot be run. */
  void validate(BatchItem item);

  /**
   * Runs the item; returns its output line (without {@code custom_id}, which the runner adds).
   *
   * @throws ItemFailedException when the item failed for good
   */
  ObjectNode run(BatchItem item, TaskContext context) throws Exception;
}
