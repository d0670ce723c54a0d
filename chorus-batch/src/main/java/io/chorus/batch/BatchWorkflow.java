package io.chorus.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.internal.PatternWorkflow;
import io.chorus.batch.internal.SingleCallWorkflow;
import io.chorus.core.ModelId;
import io.chorus.core.Pattern;
import io.chorus.core.ResponseCache;
import io.chorus.core.TaskContext;
import io.chorus.patterns.spec.PatternSpec;
import java.util.Optional;

/**
 * What a batch does with each item: one call, or a whole pattern (a vote, sections). Runs inside an
 * engine task, so its calls share the engine's limits and response cache.
 *
 * <p>Implementations are thread-safe and deterministic in the requests they make for an item (same
 * item, same requests, same sample indexes), which is what lets a resumed batch find the responses
 * of its earlier run in the journal.
 */
public interface BatchWorkflow {

  /**
   * One call per item: a line holds {@code prompt} or {@code messages}, optionally {@code system},
   * {@code model}, {@code max_tokens}, {@code temperature}, or the OpenAI Batch API shape (those
   * fields under {@code body}).
   *
   * @param defaultModel the model of lines that name none
   * @param journal where each response is stored before its item counts as done (the batch's {@link
   *     JournalResponseCache}), or null
   */
  static BatchWorkflow call(ModelId defaultModel, ResponseCache journal) {
    return new SingleCallWorkflow(defaultModel, journal);
  }

  /**
   * A pattern spec (vote, sections, translation) over each line's {@code input}, {@code prompt} or
   * {@code text}.
   */
  static BatchWorkflow pattern(PatternSpec spec) {
    return new PatternWorkflow(spec);
  }

  /**
   * The pattern this workflow runs for an item, when it runs one (so a caller can see its models).
   */
  default Optional<Pattern<?>> patternFor(BatchItem item) {
    return Optional.empty();
  }

  /**
   * This workflow, with {@code check} added to {@link #validate}: an item {@code check} throws
   * IllegalArgumentException for is rejected with that message (and its line number), the others
   * run. For checks only the caller can make, e.g. that the provider a line names is configured.
   */
  default BatchWorkflow rejecting(java.util.function.Consumer<BatchItem> check) {
    BatchWorkflow self = this;
    return new BatchWorkflow() {
      @Override
      public Optional<Pattern<?>> patternFor(BatchItem item) {
        return self.patternFor(item);
      }

      @Override
      public String describe() {
        return self.describe();
      }

      @Override
      public void validate(BatchItem item) {
        self.validate(item);
        check.accept(item);
      }

      @Override
      public ObjectNode run(BatchItem item, TaskContext context) throws Exception {
        return self.run(item, context);
      }
    };
  }

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
