package io.chorus.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.Task;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a {@link BatchWorkflow} over the items of a batch not yet finished in the journal, then
 * rewrites the output, rejects and dead-letter files from the journal.
 *
 * <h2>Why a killed run can resume without paying twice</h2>
 *
 * Every response is stored in the journal (through the engine's {@link JournalResponseCache})
 * before its item is marked finished, and the files are written only from the journal, atomically
 * (temporary file, then rename). A resumed run skips finished items and answers the calls of
 * unfinished ones from the journal where it can: only calls in flight at the moment of the kill are
 * paid again. Each item appears exactly once in the output because the journal keys items by line.
 */
public final class BatchRunner {

  /** The {@link io.chorus.core.Outcome#errorKind()} of a call the budget did not admit. */
  private static final String BUDGET = "budget";

  private final JournalStore store;
  private final String batchId;
  private final BatchWorkflow workflow;
  private final boolean retryFailed;
  private int retried;
  private boolean prepared;

  private BatchRunner(Builder b) {
    this.store = Objects.requireNonNull(b.journal, "journal");
    this.batchId = Objects.requireNonNull(b.batchId, "batchId");
    this.workflow = Objects.requireNonNull(b.workflow, "workflow");
    this.retryFailed = b.retryFailed;
  }

  /** A runner for one batch: its journal, its id in the journal and its workflow are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BatchRunner}; not thread-safe. */
  public static final class Builder {
    private JournalStore journal;
    private String batchId;
    private BatchWorkflow workflow;
    private boolean retryFailed = true;

    private Builder() {}

    /**
     * Whether items that failed for good in an earlier run of the batch run again (default true: an
     * outage that dead-lettered items should not keep them dead on resume); false keeps them in the
     * dead letters.
     */
    public Builder retryFailed(boolean retryFailed) {
      this.retryFailed = retryFailed;
      return this;
    }

    /** Where responses and finished items are kept. */
    public Builder journal(JournalStore journal) {
      this.journal = journal;
      return this;
    }

    /** The batch's id in the journal (the same id resumes it). */
    public Builder batchId(String batchId) {
      this.batchId = batchId;
      return this;
    }

    /** What is done with each item. */
    public Builder workflow(BatchWorkflow workflow) {
      this.workflow = workflow;
      return this;
    }

    public BatchRunner build() {
      return new BatchRunner(this);
    }
  }

  /** Runs the items not finished yet; returns how many were skipped as already finished. */
  public int run(Engine engine, List<BatchItem> items) {
    prepare();
    Set<Integer> finished = store.finishedLines(batchId);
    List<BatchItem> pending = items.stream().filter(i -> !finished.contains(i.line())).toList();
    List<Task<ItemStatus>> tasks = new ArrayList<>(pending.size());
    for (BatchItem item : pending) {
      tasks.add(ctx -> {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("custom_id", item.customId());
        line.put("line", item.line());
        try {
          ObjectNode result = workflow.run(item, ctx);
          line.setAll(result);
          store.finishItem(batchId, new ItemRecord(item.line(), item.customId(), ItemStatus.SUCCEEDED, line.toString()));
          return ItemStatus.SUCCEEDED;
        } catch (ItemFailedException e) {
          if (BUDGET.equals(e.errorKind())) {
            return null; // not run: left unfinished, so that --resume with a larger budget runs it
          }
          line.put("error_kind", e.errorKind());
          line.put("error", e.getMessage());
          line.put("attempts", e.attempts());
          store.finishItem(batchId, new ItemRecord(item.line(), item.customId(), ItemStatus.FAILED, line.toString()));
          return ItemStatus.FAILED;
        }
      });
    }
    if (!tasks.isEmpty()) {
      engine.run(tasks, RunOptions.of(FailurePolicy.IGNORE).withLabel("batch"));
    }
    return items.size() - pending.size();
  }

  /**
   * Gets the journal ready for {@link #run} (forgets failed items when they are to run again);
   * {@link #run} calls it itself, a caller that counts finished items first calls it before. Idempotent.
   */
  public void prepare() {
    if (!prepared) {
      prepared = true;
      if (retryFailed) {
        retried = store.forgetFailed(batchId);
      }
    }
  }

  /** Items that had failed in an earlier run and were run again by {@link #run}. */
  public int retried() {
    return retried;
  }

  /**
   * Writes the output (succeeded items) and dead letters (failed items) from the journal, and the
   * rejects; marks the batch complete when every item has finished.
   */
  public BatchSummary writeFiles(
      List<BatchItem> items, List<Reject> rejects, Path out, Path deadLetters, Path rejectsFile, int alreadyDone, long cacheHits)
      throws IOException {
    List<ItemRecord> records = store.items(batchId);
    Set<Integer> lines = new java.util.HashSet<>();
    items.forEach(i -> lines.add(i.line()));
    List<String> ok = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    for (ItemRecord r : records) {
      if (!lines.contains(r.line())) {
        continue; // the input changed since: that line is no longer an item
      }
      (r.status() == ItemStatus.SUCCEEDED ? ok : dead).add(r.json());
    }
    writeAtomically(out, ok);
    if (!dead.isEmpty() || Files.exists(deadLetters)) {
      writeAtomically(deadLetters, dead);
    }
    if (!rejects.isEmpty() || Files.exists(rejectsFile)) {
      List<String> rj = new ArrayList<>();
      for (Reject r : rejects) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("line", r.line());
        n.put("error", r.error());
        n.put("text", r.text());
        rj.add(n.toString());
      }
      writeAtomically(rejectsFile, rj);
    }
    int unfinished = items.size() - ok.size() - dead.size();
    if (unfinished == 0) {
      store.completeBatch(batchId);
    }
    return new BatchSummary(batchId, items.size(), rejects.size(), alreadyDone, ok.size(), dead.size(), unfinished, cacheHits);
  }

  static void writeAtomically(Path file, List<String> lines) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    }
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
