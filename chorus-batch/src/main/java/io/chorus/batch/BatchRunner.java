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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
 * paid again. Each item appears exactly once in the output because the journal keys items by
 * {@code custom_id}.
 *
 * <h2>When the input changed</h2>
 *
 * The journal records the input's items (id and a digest of the line) when a run starts. A later
 * run of the same batch compares: if an item changed, is new or is gone, it refuses ({@link
 * BatchRefusedException}, naming them) unless {@link Builder#rerunChanged} is set, which runs
 * exactly the changed and new items and drops the gone ones from the output. The batch id ({@link
 * #batchId}) comes from the output file's name and the workflow, never from a path, so moving the
 * project or running from another directory resumes the same batch.
 */
public final class BatchRunner {

  /** The {@link io.chorus.core.Outcome#errorKind()} of a call the budget did not admit. */
  private static final String BUDGET = "budget";

  private final JournalStore store;
  private final String batchId;
  private final BatchWorkflow workflow;
  private final boolean retryFailed;
  private final boolean rerunChanged;
  private int retried;
  private InputChanges changes = InputChanges.NONE;
  private boolean prepared;

  private BatchRunner(Builder b) {
    this.store = Objects.requireNonNull(b.journal, "journal");
    this.batchId = Objects.requireNonNull(b.batchId, "batchId");
    this.workflow = Objects.requireNonNull(b.workflow, "workflow");
    this.retryFailed = b.retryFailed;
    this.rerunChanged = b.rerunChanged;
  }

  /**
   * The default batch id for an output file and a workflow: the file's name (not its path) and the
   * workflow's description, e.g. {@code out.jsonl (call sim:fast)}. The same output name with
   * another model is another batch.
   */
  public static String batchId(Path out, String workflow) {
    String id = out.getFileName() + " (" + workflow + ")";
    return id.length() <= 200 ? id : id.substring(0, 200);
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
    private boolean rerunChanged;

    private Builder() {}

    /**
     * Whether a run whose input changed since the journal's earlier run runs exactly the changed
     * and new items, dropping the gone ones (true), or is refused with {@link
     * BatchRefusedException} naming them (false, the default).
     */
    public Builder rerunChanged(boolean rerunChanged) {
      this.rerunChanged = rerunChanged;
      return this;
    }

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
    prepare(items);
    Set<String> finished = new HashSet<>();
    store.forEachItem(batchId, 0, r -> finished.add(r.customId()));
    List<BatchItem> pending = items.stream().filter(i -> !finished.contains(i.customId())).toList();
    List<Task<ItemStatus>> tasks = new ArrayList<>(pending.size());
    for (BatchItem item : pending) {
      tasks.add(ctx -> {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("custom_id", item.customId());
        line.put("line", item.line());
        try {
          ObjectNode result = workflow.run(item, ctx);
          line.setAll(result);
          store.finishItem(batchId, record(item, ItemStatus.SUCCEEDED, line));
          return ItemStatus.SUCCEEDED;
        } catch (ItemFailedException e) {
          if (BUDGET.equals(e.errorKind())) {
            return null; // not run: left unfinished, so that --resume with a larger budget runs it
          }
          line.put("error_kind", e.errorKind());
          line.put("error", e.getMessage());
          line.put("attempts", e.attempts());
          store.finishItem(batchId, record(item, ItemStatus.FAILED, line));
          return ItemStatus.FAILED;
        }
      });
    }
    if (!tasks.isEmpty()) {
      engine.run(tasks, RunOptions.of(FailurePolicy.IGNORE).withLabel("batch"));
    }
    return items.size() - pending.size();
  }

  private static ItemRecord record(BatchItem item, ItemStatus status, ObjectNode line) {
    return new ItemRecord(0, item.line(), item.customId(), item.content(), status, line.toString());
  }

  /**
   * Gets the journal ready for {@link #run}: compares the input with the one the journal recorded
   * (refusing a changed input unless {@link Builder#rerunChanged}), records this input, and forgets
   * failed items when they are to run again. {@link #run} calls it itself; a caller that counts
   * finished items first calls it before. Idempotent.
   *
   * @throws BatchRefusedException when the input changed and {@link Builder#rerunChanged} is not set
   */
  public void prepare(List<BatchItem> items) {
    if (prepared) {
      return;
    }
    Map<String, String> now = new HashMap<>();
    items.forEach(i -> now.put(i.customId(), i.content()));
    long[] counts = new long[3];
    List<List<String>> examples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Set<String> before = new HashSet<>();
    store.forEachInput(batchId, k -> {
      before.add(k.customId());
      String c = now.get(k.customId());
      if (c == null) {
        count(counts, examples, 2, k.customId());
      } else if (!c.equals(k.content())) {
        count(counts, examples, 0, k.customId());
      }
    });
    if (!before.isEmpty()) {
      for (BatchItem i : items) {
        if (!before.contains(i.customId())) {
          count(counts, examples, 1, i.customId());
        }
      }
    }
    // items finished before the input was recorded (or by an older journal): compare the records too
    store.forEachItem(batchId, 0, r -> {
      String c = now.get(r.customId());
      if (!before.contains(r.customId())) {
        count(counts, examples, c == null ? 2 : c.equals(r.content()) ? -1 : 0, r.customId());
      }
    });
    changes = new InputChanges(counts[0], counts[1], counts[2], examples);
    if (changes.any()) {
      if (!rerunChanged) {
        throw new BatchRefusedException("the input of batch " + batchId + " changed since its earlier run: "
            + changes.describe() + "; add --rerun-changed to run exactly the changed and new items (the gone ones leave"
            + " the output), or --restart to run everything again");
      }
      store.forEachItem(batchId, 0, r -> {
        String c = now.get(r.customId());
        if (c == null || !c.equals(r.content())) {
          store.forgetItem(batchId, r.customId());
        }
      });
    }
    store.replaceInput(batchId, items.stream().map(i -> new ItemKey(i.customId(), i.content())).iterator());
    prepared = true;
    if (retryFailed) {
      retried = store.forgetFailed(batchId);
    }
  }

  private static void count(long[] counts, List<List<String>> examples, int kind, String id) {
    if (kind < 0) {
      return;
    }
    counts[kind]++;
    if (examples.get(kind).size() < InputChanges.EXAMPLES) {
      examples.get(kind).add(id);
    }
  }

  /** How the input differed from the journal's record of the earlier run ({@link InputChanges#NONE} on a first run). */
  public InputChanges changes() {
    return changes;
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
    Set<String> ids = new HashSet<>();
    items.forEach(i -> ids.add(i.customId()));
    List<ItemRecord> records = new ArrayList<>();
    store.forEachItem(batchId, 0, r -> {
      if (ids.contains(r.customId())) {
        records.add(r);
      }
    });
    records.sort(java.util.Comparator.comparingInt(ItemRecord::line));
    List<String> ok = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    for (ItemRecord r : records) {
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
