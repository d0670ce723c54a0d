package io.chorus.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.internal.AtomicFile;
import io.chorus.batch.internal.IdIndex;
import io.chorus.batch.internal.OutputLog;
import io.chorus.batch.internal.Spill;
import io.chorus.batch.internal.SqliteJournalStore;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link BatchWorkflow} over every line of a JSONL file with a {@link JournalStore}, in
 * memory that does not grow with the input, so that a killed run resumes without paying twice and a
 * journal that fails mid-run loses nothing paid for.
 *
 * {@snippet :
 * try (JournalStore journal = JournalStore.sqlite(Path.of("batch.db"))) {
 *   String id = BatchRunner.batchId(out, workflow.describe());
 *   JournalResponseCache cache = new JournalResponseCache(journal, id, true);
 *   BatchRunner runner = BatchRunner.builder().journal(journal).batchId(id)
 *       .workflow(BatchWorkflow.call(model, cache)).cache(cache).files(BatchFiles.of(in, out)).build();
 *   BatchPlan plan = runner.plan();          // reads the input, compares it with the journal
 *   try (Engine engine = Engine.builder().provider(p).cache(cache).build()) {
 *     BatchSummary s = runner.run(engine);   // admits items as slots free, appends the output
 *   }
 * }
 * }
 *
 * <h2>Memory</h2>
 *
 * The input is read twice, a line at a time, never held: {@link #plan} finds duplicates, rejects
 * and finished items with an index of 21 bytes a slot ({@code IdIndex}: 40 MB for a million items);
 * {@link #run} hands the engine one task per line through {@link Engine#stream}, which admits a
 * task only when one of its {@code window} slots frees. Outputs are appended as items finish;
 * nothing of a finished item stays in memory.
 *
 * <h2>Why a killed run can resume without paying twice</h2>
 *
 * Every response is stored in the journal (through the engine's {@link JournalResponseCache})
 * before its item is marked finished, and an item is marked finished (durably) before its task ends
 * and its slot admits the next item: only calls in flight at the moment of the kill are paid again.
 * Items are keyed by {@code custom_id}, so each appears once in the output.
 *
 * <h2>Output order and durability</h2>
 *
 * The output file holds one line per succeeded item <em>in the order items finished</em> (as the
 * OpenAI Batch API does), each with its {@code custom_id} and input {@code line}: a file of a
 * million lines is usable while it grows, and {@code sort} by {@code line} restores the input
 * order. Finishing an item and appending its line happen under one lock, so the file's order is the
 * journal's {@link ItemRecord#seq} order; every 1,000 items (and at the end) the file is forced to
 * disk and its length recorded in the journal ({@link JournalStore#checkpointOutput}). A resumed
 * run cuts the file back to the checkpoint and appends the journal's items after it, so each item
 * appears exactly once whatever the moment of the kill. The dead letters and rejects are rewritten
 * whole (through a temporary file, deleted if the write fails).
 *
 * <h2>When the input changed</h2>
 *
 * The journal records the input's items (id and a digest of the line) when a batch starts. A later
 * run compares: if an item changed, is new or is gone, {@link #plan} refuses ({@link
 * BatchRefusedException}, naming them) unless {@link Builder#rerunChanged} is set, which runs
 * exactly the changed and new items and drops the gone ones from the output (which is then
 * rewritten from the journal). The batch id ({@link #batchId}) comes from the output file's name
 * and the workflow, never from a path, so moving the project or running from another directory
 * resumes the same batch.
 *
 * <h2>When the journal or the output fails (disk full)</h2>
 *
 * A journal write that fails is retried twice (50 ms, 500 ms); if it still fails, the run stops
 * admitting items at once, keeps every response and item already received in the spill file ({@link
 * BatchFiles#spill}, forced to disk per record), lets the calls in flight finish into the same
 * file, and ends with {@link BatchSummary#storeFailure} naming the journal and the cause. The next
 * run imports the spill file into the journal before anything else. An output file that cannot be
 * written also stops admission; its items are in the journal, and a resume writes them.
 *
 * <p>One run per batch at a time: {@link #plan} takes the batch's {@link BatchLease} (renewed at
 * each checkpoint) and {@link #run} releases it. A runner runs once; not thread-safe except {@link
 * #stop}.
 */
public final class BatchRunner {

  /** The {@link io.chorus.core.Outcome#errorKind()} of a call the budget did not admit. */
  private static final String BUDGET = "budget";

  /**
   * The {@link io.chorus.core.Outcome#errorKind()} of a call cancelled, e.g. by {@link
   * Engine#shutdown} (Ctrl-C).
   */
  private static final String CANCELLED = "cancelled";

  private static final Duration LEASE_TTL = Duration.ofMinutes(2);
  private static final int CHECKPOINT_ITEMS = 1000;
  private static final long CHECKPOINT_NANOS = Duration.ofSeconds(1).toNanos();
  private static final Duration[] BACKOFF = {Duration.ofMillis(50), Duration.ofMillis(500)};
  private static final int MAX_MODELS = 100;

  private final JournalStore store;
  private final String batchId;
  private final BatchWorkflow workflow;
  private final BatchFiles files;
  private final JournalResponseCache cache;
  private final int window;
  private final boolean retryFailed;
  private final boolean rerunChanged;
  private final BatchListener listener;

  private BatchPlan plan;
  private IdIndex index;
  private BatchLease lease;
  private long doneSucceeded;
  private long doneFailed;

  private final ReentrantLock commit = new ReentrantLock();
  private OutputLog out;
  private Spill spill;
  private long lastSeq;
  private int sinceCheckpoint;
  private long checkpointAt;
  private long renewedAt;
  private boolean journalFailed;
  private boolean outputFailed;
  private final AtomicLong nowSucceeded = new AtomicLong();
  private final AtomicLong nowFailed = new AtomicLong();
  private volatile String failure;
  private volatile boolean stopRequested;
  private volatile boolean stopped;

  private BatchRunner(Builder b) {
    this.store = Objects.requireNonNull(b.journal, "journal");
    this.batchId = Objects.requireNonNull(b.batchId, "batchId");
    this.workflow = Objects.requireNonNull(b.workflow, "workflow");
    this.files = Objects.requireNonNull(b.files, "files");
    this.cache = b.cache;
    this.window = b.window;
    this.retryFailed = b.retryFailed;
    this.rerunChanged = b.rerunChanged;
    this.listener = b.listener;
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

  /**
   * A runner for one batch: its journal, its id in the journal, its workflow and its files are
   * required.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BatchRunner}; not thread-safe. */
  public static final class Builder {
    private JournalStore journal;
    private String batchId;
    private BatchWorkflow workflow;
    private BatchFiles files;
    private JournalResponseCache cache;
    private int window = 64;
    private boolean retryFailed = true;
    private boolean rerunChanged;
    private BatchListener listener = BatchListener.NONE;

    private Builder() {}

    /** Where responses and finished items are kept. */
    public Builder journal(JournalStore journal) {
      this.journal = journal;
      return this;
    }

    /** The batch's id in the journal (the same id resumes it); see {@link BatchRunner#batchId}. */
    public Builder batchId(String batchId) {
      this.batchId = batchId;
      return this;
    }

    /** What is done with each item. */
    public Builder workflow(BatchWorkflow workflow) {
      this.workflow = workflow;
      return this;
    }

    /** The input, output, dead-letter, rejects and spill files. */
    public Builder files(BatchFiles files) {
      this.files = files;
      return this;
    }

    /**
     * The engine's response cache on this batch's journal, when the engine has one: a response it
     * cannot store goes to the spill file and stops the run admitting calls.
     */
    public Builder cache(JournalResponseCache cache) {
      this.cache = cache;
      return this;
    }

    /**
     * Items in flight at once (default 64): the engine's limits still bound the calls; this bounds
     * memory and how many items a kill leaves half done. Set it at or above the provider's
     * concurrency so that no slot waits for an item.
     */
    public Builder window(int window) {
      if (window <= 0) {
        throw new IllegalArgumentException("window (" + window + ") must be positive");
      }
      this.window = window;
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

    /**
     * Whether a run whose input changed since the journal's earlier run runs exactly the changed
     * and new items, dropping the gone ones (true), or is refused with {@link
     * BatchRefusedException} naming them (false, the default).
     */
    public Builder rerunChanged(boolean rerunChanged) {
      this.rerunChanged = rerunChanged;
      return this;
    }

    /** Told of the plan and of a store failure as they happen. */
    public Builder listener(BatchListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public BatchRunner build() {
      return new BatchRunner(this);
    }
  }

  /**
   * Reads the input and compares it with the journal, before any call: takes the batch's lease,
   * imports a spill file left by an earlier run, writes the rejects file, refuses a changed input
   * unless {@link Builder#rerunChanged}, records the input, forgets failed items when they are to
   * run again, and brings the output file up to the journal. {@link #run} calls it itself.
   * Idempotent.
   *
   * @throws BatchRefusedException when the input changed and {@link Builder#rerunChanged} is not
   *     set
   * @throws JournalLockedException when another run holds the batch
   * @throws JournalException when the journal cannot be read or written
   * @throws IOException when the input cannot be read or an output file cannot be written (the
   *     message names the file)
   */
  public BatchPlan plan() throws IOException {
    if (plan != null) {
      return plan;
    }
    BatchState state = store.openBatch(batchId, files.input().toString(), workflow.describe());
    lease = store.lease(batchId, SqliteJournalStore.holder(), LEASE_TTL);
    renewedAt = System.nanoTime();
    try {
      plan = readAndCompare(state);
    } catch (IOException | RuntimeException e) {
      release();
      throw e;
    }
    listener.planned(plan.items(), plan.alreadyDone());
    return plan;
  }

  private BatchPlan readAndCompare(BatchState state) throws IOException {
    long recovered = Spill.importInto(files.spill(), store);
    index = new IdIndex();
    long[] n = new long[3]; // items, rejected, derived ids
    Reject[] firstReject = new Reject[1];
    Set<String> models = new LinkedHashSet<>();
    BatchItem[] sample = new BatchItem[1];
    boolean hadRejects = Files.exists(files.rejects());
    written(
        files.rejects(),
        () ->
            AtomicFile.write(
                files.rejects(),
                w -> {
                  try (BatchInput in = BatchInput.open(files.input())) {
                    for (InputLine l = read(in); l != null; l = read(in)) {
                      Reject r = check(l);
                      if (r != null) {
                        if (firstReject[0] == null) {
                          firstReject[0] = r;
                        }
                        n[1]++;
                        writeReject(w, r);
                        continue;
                      }
                      BatchItem item = (BatchItem) l;
                      n[0]++;
                      if (sample[0] == null) {
                        sample[0] = item;
                      }
                      var body =
                          item.json().path("body").isObject()
                              ? item.json().get("body")
                              : item.json();
                      if (body.hasNonNull("model") && models.size() < MAX_MODELS) {
                        models.add(body.get("model").asText());
                      }
                    }
                    n[2] = in.derivedIds();
                  }
                  return n[1] > 0 || hadRejects;
                }));

    // the input against the journal's record of the earlier one
    long[] counts = new long[3]; // changed, new, gone
    List<List<String>> examples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    long[] recorded = {0};
    store.forEachInput(
        batchId,
        k -> {
          recorded[0]++;
          int s = index.find(k.customId());
          if (s < 0 || index.has(s, IdIndex.REJECTED)) {
            example(counts, examples, 2, k.customId());
          } else {
            index.set(s, IdIndex.IN_EARLIER_INPUT);
            if (index.content(s) != IdIndex.contentKey(k.content())) {
              example(counts, examples, 0, k.customId());
            }
          }
        });
    if (recorded[0] > 0) {
      counts[1] = index.count(0, IdIndex.IN_EARLIER_INPUT | IdIndex.REJECTED);
      if (counts[1] > 0) {
        newIds(examples.get(1));
      }
    }
    InputChanges changes = new InputChanges(counts[0], counts[1], counts[2], examples);
    if (changes.any() && !rerunChanged) {
      throw new BatchRefusedException(
          "the input of batch "
              + batchId
              + " changed since its earlier run: "
              + changes.describe()
              + "; add --rerun-changed to run exactly the changed and new items (the gone ones leave"
              + " the output), or --restart to run everything again");
    }

    // finished items: kept when their content is the input's, forgotten (to run again) otherwise
    boolean[] outputStale = {false};
    long[] retried = {0};
    store.forEachItem(
        batchId,
        0,
        r -> {
          int s = index.find(r.customId());
          boolean current =
              s >= 0
                  && !index.has(s, IdIndex.REJECTED)
                  && index.content(s) == IdIndex.contentKey(r.content());
          if (!current) {
            store.forgetItem(batchId, r.customId());
            outputStale[0] |= r.status() == ItemStatus.SUCCEEDED;
          } else if (r.status() == ItemStatus.FAILED && retryFailed) {
            store.forgetItem(batchId, r.customId());
            retried[0]++;
          } else {
            index.set(s, IdIndex.DONE);
            if (r.status() == ItemStatus.SUCCEEDED) {
              doneSucceeded++;
            } else {
              doneFailed++;
            }
          }
        });
    if (recorded[0] == 0 || changes.any()) {
      store.replaceInput(batchId, currentKeys());
    }

    // the output file, up to the journal: cut back to the checkpoint, then the items after it
    long keep = outputStale[0] ? 0 : state.outputBytes();
    written(
        files.out(),
        () -> {
          out = OutputLog.open(files.out(), keep);
          long after = out.length() == 0 ? 0 : state.outputSeq();
          lastSeq = after;
          store.forEachItem(
              batchId,
              after,
              r -> {
                if (r.status() == ItemStatus.SUCCEEDED) {
                  try {
                    out.append(r.json());
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
                lastSeq = Math.max(lastSeq, r.seq());
              });
          store.checkpointOutput(batchId, lastSeq, out.flush());
        });
    checkpointAt = System.nanoTime();
    return new BatchPlan(
        n[0],
        n[1],
        n[2],
        doneSucceeded + doneFailed,
        retried[0],
        recovered,
        changes,
        firstReject[0],
        models,
        sample[0]);
  }

  /** An input that cannot be read, told apart from an output that cannot be written. */
  private static final class InputFailed extends IOException {
    private static final long serialVersionUID = 1L;

    InputFailed(String message, IOException cause) {
      super(message, cause);
    }
  }

  private InputLine read(BatchInput in) throws IOException {
    try {
      return in.next();
    } catch (IOException e) {
      throw new InputFailed("cannot read " + files.input() + ": " + cause(e), e);
    }
  }

  /** Null when the line is an item to keep (indexed), else why not (a reject). */
  private Reject check(InputLine l) {
    if (l instanceof Reject r) {
      return r;
    }
    BatchItem item = (BatchItem) l;
    int first = index.putIfAbsent(item.customId(), item.line(), IdIndex.contentKey(item.content()));
    if (first != 0) {
      return new Reject(
          item.line(),
          "duplicate custom_id '" + item.customId() + "' (first on line " + first + ")",
          Reject.clip(item.json().toString()));
    }
    try {
      workflow.validate(item);
      return null;
    } catch (IllegalArgumentException e) {
      index.set(index.find(item.customId()), IdIndex.REJECTED);
      return new Reject(item.line(), e.getMessage(), Reject.clip(item.json().toString()));
    }
  }

  private static void writeReject(Writer w, Reject r) throws IOException {
    ObjectNode j = JsonNodeFactory.instance.objectNode();
    j.put("line", r.line());
    j.put("error", r.error());
    j.put("text", r.text());
    w.write(j.toString());
    w.write('\n');
  }

  private static void example(long[] counts, List<List<String>> examples, int kind, String id) {
    counts[kind]++;
    if (examples.get(kind).size() < InputChanges.EXAMPLES) {
      examples.get(kind).add(id);
    }
  }

  /** The items this run keeps (first line of each id, not rejected), read from the input. */
  private boolean isItem(BatchItem item) {
    int s = index.find(item.customId());
    return s >= 0 && index.line(s) == item.line() && !index.has(s, IdIndex.REJECTED);
  }

  private void newIds(List<String> into) throws IOException {
    try (BatchInput in = BatchInput.open(files.input())) {
      for (InputLine l = in.next();
          l != null && into.size() < InputChanges.EXAMPLES;
          l = in.next()) {
        if (l instanceof BatchItem item
            && isItem(item)
            && !index.has(index.find(item.customId()), IdIndex.IN_EARLIER_INPUT)) {
          into.add(item.customId());
        }
      }
    }
  }

  private Iterator<ItemKey> currentKeys() throws IOException {
    BatchInput in = BatchInput.open(files.input());
    return new Lines<>(
        in, item -> isItem(item) ? new ItemKey(item.customId(), item.content()) : null);
  }

  /**
   * The input's items (as {@code map} turns them, null skipping one), lazily; closes the input at
   * the end.
   */
  private static final class Lines<T> implements Iterator<T> {
    private final BatchInput in;
    private final java.util.function.Function<BatchItem, T> map;
    private final java.util.function.BooleanSupplier open;
    private T next;
    private boolean done;

    Lines(BatchInput in, java.util.function.Function<BatchItem, T> map) {
      this(in, map, () -> true);
    }

    Lines(
        BatchInput in,
        java.util.function.Function<BatchItem, T> map,
        java.util.function.BooleanSupplier open) {
      this.in = in;
      this.map = map;
      this.open = open;
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null && !done) {
          InputLine l = open.getAsBoolean() ? in.next() : null;
          if (l == null) {
            done = true;
            in.close();
          } else if (l instanceof BatchItem item) {
            next = map.apply(item);
          }
        }
        return next != null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      T t = next;
      next = null;
      return t;
    }
  }

  /**
   * Runs the items not finished yet (calling {@link #plan} first if needed), then writes the dead
   * letters and releases the batch. Returns when every admitted item has finished.
   */
  public BatchSummary run(Engine engine) throws IOException {
    this.engine = engine;
    plan();
    spill = new Spill(files.spill());
    if (cache != null) {
      cache.onFailure(
          (identity, response, cause) -> {
            if (response != null) {
              spill.response(identity, batchId, response);
            }
            journalFailed(cause);
          });
    }
    try {
      if (plan.pending() > 0) {
        BatchInput in = BatchInput.open(files.input());
        Iterator<Task<ItemStatus>> tasks =
            new Lines<>(
                in,
                this::task,
                () -> {
                  boolean admit = failure == null && !stopRequested;
                  stopped |= !admit;
                  return admit;
                });
        try {
          engine.stream(
              tasks, RunOptions.of(FailurePolicy.IGNORE).withLabel("batch"), window, (i, o) -> {});
        } finally {
          in.close();
        }
      }
    } finally {
      if (cache != null) {
        cache.onFailure(null);
      }
      finish();
    }
    return summary();
  }

  private BatchSummary summary() {
    long succeeded = doneSucceeded + nowSucceeded.get();
    long failed = doneFailed + nowFailed.get();
    long unfinished = plan.items() - succeeded - failed;
    return new BatchSummary(
        batchId,
        plan.items(),
        plan.rejected(),
        plan.alreadyDone(),
        succeeded,
        failed,
        unfinished,
        cache == null ? 0 : cache.hits(),
        plan.derivedIds(),
        plan.retried(),
        failure,
        spill.written(),
        spill.lost(),
        stopped);
  }

  /**
   * The usable items of the input (the first line of each id, valid for the workflow), read lazily
   * from the file, for a caller that queues them elsewhere (workers on a shared store). Call after
   * {@link #plan}.
   */
  public Iterator<BatchItem> items() throws IOException {
    if (plan == null) {
      throw new IllegalStateException("plan() first");
    }
    return new Lines<>(BatchInput.open(files.input()), item -> isItem(item) ? item : null);
  }

  /**
   * Instead of {@link #run}, when other processes ran the items (workers on a shared store): brings
   * the output up to the journal (the items finished since {@link #plan}, once each), writes the
   * dead letters and releases the batch, as {@link #run} does at its end.
   */
  public BatchSummary collect() throws IOException {
    plan();
    spill = new Spill(files.spill());
    commit.lock();
    try {
      store.forEachItem(
          batchId,
          lastSeq,
          r -> {
            int s = index.find(r.customId());
            if (s >= 0
                && !index.has(s, IdIndex.DONE)
                && !index.has(s, IdIndex.REJECTED)
                && index.content(s) == IdIndex.contentKey(r.content())) {
              index.set(s, IdIndex.DONE);
              (r.status() == ItemStatus.SUCCEEDED ? nowSucceeded : nowFailed).incrementAndGet();
              if (r.status() == ItemStatus.SUCCEEDED && !outputFailed) {
                try {
                  out.append(r.json());
                } catch (IOException e) {
                  outputFailed(e);
                }
              }
            }
            lastSeq = Math.max(lastSeq, r.seq());
          });
    } finally {
      commit.unlock();
      finish();
    }
    return summary();
  }

  /**
   * Stops admitting items: those in flight finish and are kept, the others stay unfinished for a
   * resume. Thread-safe; for a Ctrl-C handler.
   */
  public void stop() {
    stopRequested = true;
  }

  /** The engine of {@link #run}, so that an item can tell it ended after a shutdown. */
  private Engine engine;

  private Task<ItemStatus> task(BatchItem item) {
    int s = index.find(item.customId());
    if (s < 0
        || index.line(s) != item.line()
        || index.has(s, IdIndex.REJECTED)
        || index.has(s, IdIndex.DONE)) {
      return null; // a reject, a duplicate, or finished earlier
    }
    return ctx -> {
      ObjectNode line = JsonNodeFactory.instance.objectNode();
      line.put("custom_id", item.customId());
      line.put("line", item.line());
      ItemStatus status;
      try {
        ObjectNode result = workflow.run(item, ctx);
        if (engine != null && engine.isShutdown() && workflow.patternFor(item).isPresent()) {
          // a pattern that ended after Ctrl-C may have lost some of its calls (a vote with fewer
          // samples): left unfinished, resumed from the journal's responses at no extra cost
          return null;
        }
        line.setAll(result);
        status = ItemStatus.SUCCEEDED;
      } catch (ItemFailedException e) {
        if (BUDGET.equals(e.errorKind()) || CANCELLED.equals(e.errorKind())) {
          // not run (the budget), or cut short by Ctrl-C: left unfinished, so that --resume runs it
          return null;
        }
        line.put("error_kind", e.errorKind());
        line.put("error", e.getMessage());
        line.put("attempts", e.attempts());
        status = ItemStatus.FAILED;
      }
      commit(
          new ItemRecord(0, item.line(), item.customId(), item.content(), status, line.toString()));
      return status;
    };
  }

  /**
   * Journals the item, then appends it to the output, under one lock: the file's order is seq
   * order.
   */
  private void commit(ItemRecord r) {
    commit.lock();
    try {
      long seq = journalFailed ? -1 : finish(r);
      if (seq < 0) {
        spill.item(batchId, r);
      }
      (r.status() == ItemStatus.SUCCEEDED ? nowSucceeded : nowFailed).incrementAndGet();
      if (r.status() == ItemStatus.SUCCEEDED && !outputFailed) {
        try {
          out.append(r.json());
        } catch (IOException e) {
          outputFailed(e);
        }
      }
      if (seq > 0) {
        lastSeq = seq;
        if (++sinceCheckpoint >= CHECKPOINT_ITEMS
            || System.nanoTime() - checkpointAt > CHECKPOINT_NANOS) {
          checkpoint();
        }
      }
    } finally {
      commit.unlock();
    }
  }

  /** {@link JournalStore#finishItem}, retried; -1 when the journal failed. */
  private long finish(ItemRecord r) {
    for (int attempt = 0; ; attempt++) {
      try {
        return store.finishItem(batchId, r);
      } catch (JournalException e) {
        if (attempt >= BACKOFF.length || !JournalResponseCache.pause(BACKOFF[attempt])) {
          journalFailed(e);
          return -1;
        }
      }
    }
  }

  /**
   * Forces the output and records its length, unless the journal or the output failed (then it
   * stays where it was).
   */
  private void checkpoint() {
    if (journalFailed || outputFailed) {
      return;
    }
    try {
      long length = out.flush();
      store.checkpointOutput(batchId, lastSeq, length);
      sinceCheckpoint = 0;
      checkpointAt = System.nanoTime();
      if (Duration.ofNanos(checkpointAt - renewedAt).compareTo(LEASE_TTL.dividedBy(3)) > 0) {
        lease.renew();
        renewedAt = checkpointAt;
      }
    } catch (IOException e) {
      outputFailed(e);
    } catch (JournalException e) {
      journalFailed(e);
    } catch (JournalLockedException e) {
      failed("the batch " + batchId + " was taken over by another run: " + e.getMessage(), null);
    }
  }

  private void journalFailed(RuntimeException e) {
    commit.lock();
    try {
      journalFailed = true;
    } finally {
      commit.unlock();
    }
    failed(
        e.getMessage() == null ? "the batch journal failed: " + e : e.getMessage(), spill.file());
  }

  private void outputFailed(IOException e) {
    outputFailed = true;
    failed("cannot write the output " + files.out() + ": " + cause(e), null); // the journal holds
  }

  private void failed(String message, @Nullable Path keptIn) {
    boolean first;
    commit.lock();
    try {
      first = failure == null;
      if (first) {
        failure = message;
      }
    } finally {
      commit.unlock();
    }
    if (first) {
      listener.storeFailed(message, keptIn);
    }
  }

  static String cause(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
        ? fs.getReason()
        : m;
  }

  private void finish() {
    commit.lock();
    try {
      checkpoint();
      try {
        out.close();
      } catch (IOException e) {
        if (!outputFailed) {
          outputFailed(e);
        }
      }
      spill.close();
    } finally {
      commit.unlock();
    }
    long failed = doneFailed + nowFailed.get();
    if (!journalFailed) {
      try {
        boolean hadDead = Files.exists(files.deadLetters());
        if (failed > 0 || hadDead) {
          written(
              files.deadLetters(),
              () ->
                  AtomicFile.write(
                      files.deadLetters(),
                      w -> {
                        try {
                          store.forEachItem(
                              batchId,
                              0,
                              r -> {
                                if (r.status() == ItemStatus.FAILED) {
                                  try {
                                    w.write(r.json());
                                    w.write('\n');
                                  } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                  }
                                }
                              });
                        } catch (UncheckedIOException e) {
                          throw e.getCause();
                        }
                        return true;
                      }));
        }
        if (failure == null && plan.items() == doneSucceeded + nowSucceeded.get() + failed) {
          store.completeBatch(batchId);
        }
      } catch (IOException e) {
        failed("cannot write the dead letters " + files.deadLetters() + ": " + cause(e), null);
      } catch (JournalException e) {
        journalFailed(e);
      }
    }
    release();
  }

  private void release() {
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }

  private interface FileWrite {
    void run() throws IOException;
  }

  /** Runs a write of {@code file}; an I/O failure is rethrown naming the file and the cause. */
  private static void written(Path file, FileWrite write) throws IOException {
    try {
      write.run();
    } catch (InputFailed e) {
      throw e;
    } catch (UncheckedIOException e) {
      throw new IOException("cannot write " + file + ": " + cause(e.getCause()), e.getCause());
    } catch (IOException e) {
      throw new IOException("cannot write " + file + ": " + cause(e), e);
    }
  }
}
