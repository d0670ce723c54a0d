package io.chorus.store.postgres;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.ItemFailedException;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalStore;
import io.chorus.batch.internal.Spill;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.Sleeper;
import io.chorus.core.Task;
import io.chorus.core.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A worker on a shared batch: claims items with leases ({@link SharedBatches#claim}), runs each
 * with the batch's workflow on the caller's engine, stores its result in the journal, then marks it
 * finished. {@code concurrency} claim loops run at once; a heartbeat extends the worker's leases
 * every third of their time to live. Any number of workers, on any machines, may work on one batch.
 *
 * <p>What a kill costs: the killed worker's items stay leased until their leases expire (one time
 * to live), then any worker takes them over. Their calls that had answered are in the journal (the
 * engine's response cache must be the batch's {@link io.chorus.batch.JournalResponseCache} on
 * {@link PostgresStore#journal}): only the calls in flight at the kill are paid again.
 *
 * <h2>When the store goes away</h2>
 *
 * A claim, heartbeat or write that fails begins an outage. The worker stops claiming (its claim
 * loops wait, retrying with backoff), and the items in flight go on: their responses and results
 * are retried into the store with backoff through {@link #journal}. When the store answers again
 * within {@link Builder#storeDeadline} (default 60 s) the run goes on where it was, nothing paid
 * twice. When it stays down past the deadline, what the items in flight received is written to the
 * {@link Builder#spill spill file} instead (each record forced to disk), and {@link #run} returns
 * with {@link Summary#storeFailure} saying so and {@link Summary#spilled} counting the records. The
 * next worker with the same spill file ({@link #run} imports it first), or {@code chorus batch
 * --resume} with {@code OUT.spill}, brings them into the store; the items' leases expire meanwhile
 * and any worker finishes the rest.
 *
 * <p>Thread-safe.
 */
public final class Worker {

  private final PostgresStore store;
  private final SharedBatches batches;
  private final String id;
  private final int concurrency;
  private final Duration leaseTtl;
  private final Duration poll;
  private final Path spillFile;
  private final StoreOutage outage;
  private final WorkerJournal journal;
  private volatile boolean stopping;

  private Worker(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store");
    this.batches = new SharedBatches(store);
    this.id = b.id != null ? b.id : defaultId();
    this.concurrency = b.concurrency;
    this.leaseTtl = b.leaseTtl;
    this.poll = b.poll;
    this.spillFile = b.spill;
    this.outage = new StoreOutage(store.location(), b.storeDeadline, b.time, b.sleeper);
    this.journal = new WorkerJournal(store.journal(), outage, new Spill(spillFile));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Worker}; not thread-safe. */
  public static final class Builder {
    private PostgresStore store;
    private String id;
    private int concurrency = 8;
    private Duration leaseTtl = Duration.ofSeconds(30);
    private Duration poll = Duration.ofMillis(250);
    private Path spill = Path.of(".chorus", "worker.spill");
    private Duration storeDeadline = Duration.ofSeconds(60);
    private TimeSource time = TimeSource.system();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * Where responses and finished items go when the store stays down past {@link #storeDeadline}
     * (default {@code .chorus/worker.spill} in the working directory; its directory is created on
     * the first write). A worker imports the file into the store when it starts. Workers sharing a
     * working directory should each have their own.
     */
    public Builder spill(Path file) {
      this.spill = Objects.requireNonNull(file, "spill");
      return this;
    }

    /**
     * How long the store may fail before the worker gives up on it (default 60 s): until then it
     * stops claiming and retries what it must write with backoff; after, it spills and stops.
     */
    public Builder storeDeadline(Duration deadline) {
      if (deadline.isNegative()) {
        throw new IllegalArgumentException("storeDeadline must not be negative, was " + deadline);
      }
      this.storeDeadline = deadline;
      return this;
    }

    /** The clock and sleeper outages are timed with (default the system's). */
    public Builder time(TimeSource time, Sleeper sleeper) {
      this.time = Objects.requireNonNull(time, "time");
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The shared store (required). */
    public Builder store(PostgresStore store) {
      this.store = store;
      return this;
    }

    /** This worker's id in status and leases (default {@code host/pid/random}). */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Items run at once (default 8). */
    public Builder concurrency(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("concurrency must be positive, was " + n);
      }
      this.concurrency = n;
      return this;
    }

    /**
     * How long a claim lasts without a heartbeat (default 30 s): what a killed worker delays its
     * items by.
     */
    public Builder leaseTtl(Duration ttl) {
      if (ttl.toMillis() < 100) {
        throw new IllegalArgumentException("leaseTtl must be at least 100 ms, was " + ttl);
      }
      this.leaseTtl = ttl;
      return this;
    }

    /** How often an idle loop looks again while other workers still hold items (default 250 ms). */
    public Builder pollInterval(Duration poll) {
      this.poll = poll;
      return this;
    }

    public Worker build() {
      return new Worker(this);
    }
  }

  /**
   * What a worker did on a batch.
   *
   * @param worker its id
   * @param batchId the batch
   * @param succeeded items it finished successfully
   * @param failed items it finished as failed
   * @param released items it gave back unrun because the {@link io.chorus.core.Budget} refused
   *     their calls (it then stops claiming: the budget is spent)
   * @param stopped items it gave back because the engine was shut down (Ctrl-C, {@link
   *     Engine#shutdown}) before or while they ran; a call cut short past the shutdown's grace is
   *     one of these, never a budget stop. A call that timed out or was cancelled otherwise fails
   *     its item ({@code failed}, with the call's error kind), as in a batch on one machine
   * @param takenOver items it took over from a worker whose lease had expired
   * @param storeFailure why the store failed mid-run (the worker stopped claiming), or null
   * @param spilled responses and items written to the spill file because the store stayed down
   * @param imported records of an earlier worker's spill file brought into the store at the start
   */
  public record Summary(
      String worker,
      String batchId,
      int succeeded,
      int failed,
      int released,
      int stopped,
      int takenOver,
      @Nullable String storeFailure,
      int spilled,
      long imported) {}

  /** This worker's id. */
  public String id() {
    return id;
  }

  /**
   * The journal this worker writes through: the store's, carried through outages and spilling past
   * the deadline. The engine's response cache must be a {@link
   * io.chorus.batch.JournalResponseCache} over it, so that a response received while the store is
   * down is kept. Closing it closes the spill file.
   */
  public JournalStore journal() {
    return journal;
  }

  /** The spill file (see {@link Builder#spill}). */
  public Path spillFile() {
    return spillFile;
  }

  /** Stops claiming; {@link #run} returns once the items in flight have finished. */
  public void stop() {
    stopping = true;
  }

  /**
   * Works on {@code batchId} until no item is left unfinished (or {@link #stop}, or the store
   * fails).
   *
   * @param engine runs the calls; its response cache should be the batch's journal (see above)
   * @param workflow the batch's workflow (from {@link SharedBatch#spec})
   */
  public Summary run(Engine engine, String batchId, BatchWorkflow workflow) {
    int spilledBefore = journal.spilled();
    long imported;
    try {
      // through an outage too (the store may have just come back); a repeated import is harmless:
      // every record is an upsert under its key
      JournalStore target = store.journal();
      imported =
          outage.call(
              () -> {
                try {
                  return Spill.importInto(spillFile, target);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException | JournalException e) {
      return new Summary(
          id,
          batchId,
          0,
          0,
          0,
          0,
          0,
          "cannot import the spill file " + spillFile + ": " + e.getMessage(),
          0,
          0);
    }
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger released = new AtomicInteger();
    AtomicInteger stoppedItems = new AtomicInteger();
    AtomicInteger takenOver = new AtomicInteger();
    AtomicReference<String> storeFailure = new AtomicReference<>();
    CountDownLatch loopsDone = new CountDownLatch(concurrency);
    try {
      outage.call(() -> batches.heartbeat(id, batchId, leaseTtl));
    } catch (JournalException e) {
      storeFailure.set(e.getMessage());
    }
    Thread heart =
        Thread.ofVirtual()
            .name("chorus-worker-heartbeat")
            .start(
                () -> {
                  long every = Math.max(50, leaseTtl.toMillis() / 3);
                  try {
                    while (!loopsDone.await(every, TimeUnit.MILLISECONDS)) {
                      try {
                        batches.heartbeat(id, batchId, leaseTtl);
                        outage.up();
                      } catch (JournalException e) {
                        outage.down(e); // the claim loops wait for the store meanwhile
                        if (outage.givenUp()) {
                          storeFailure.compareAndSet(null, outage.describe());
                        }
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    List<Thread> loops = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      loops.add(
          Thread.ofVirtual()
              .name("chorus-worker-" + i)
              .start(
                  () -> {
                    try {
                      while (!stopping && storeFailure.get() == null) {
                        // through an outage a claim waits (retrying): no item is claimed while
                        // the store is down
                        List<SharedBatches.Claim> claims =
                            outage.call(() -> batches.claim(batchId, id, 1, leaseTtl));
                        if (claims.isEmpty()) {
                          if (!outage.call(() -> batches.hasOpenItems(batchId))) {
                            return;
                          }
                          Thread.sleep(poll.toMillis());
                          continue;
                        }
                        for (SharedBatches.Claim claim : claims) {
                          if (claim.attempts() > 1) {
                            takenOver.incrementAndGet();
                          }
                          Task<Ended> task =
                              ctx -> runItem(claim, workflow, ctx, engine, storeFailure);
                          var outcome =
                              engine
                                  .run(
                                      List.of(task),
                                      RunOptions.of(FailurePolicy.IGNORE).withLabel("worker"))
                                  .outcomes()
                                  .get(0);
                          Ended ended =
                              outcome instanceof io.chorus.core.Outcome.Success<Ended> succ
                                  ? succ.value()
                                  // the task itself was not run: refused by the budget, or by a
                                  // shut-down engine
                                  : "budget".equals(outcome.errorKind())
                                      ? Ended.BUDGET
                                      : Ended.STOPPED;
                          switch (ended) {
                            case SUCCEEDED -> ok.incrementAndGet();
                            case FAILED -> failed.incrementAndGet();
                            case BUDGET, STOPPED -> {
                              if (storeFailure.get() == null) {
                                outage.call(
                                    () -> {
                                      batches.release(claim, id);
                                      return null;
                                    });
                                (ended == Ended.BUDGET ? released : stoppedItems).incrementAndGet();
                                // the budget is spent, or the engine admits nothing more:
                                // claiming more would only give them back again
                                stopping = true;
                              }
                            }
                          }
                          if (storeFailure.get() != null) {
                            break; // the item's lease expires; its response, stored or spilled,
                            // answers whoever takes it
                          }
                        }
                      }
                    } catch (JournalException e) {
                      storeFailure.compareAndSet(null, e.getMessage());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } finally {
                      loopsDone.countDown();
                    }
                  }));
    }
    for (Thread t : loops) {
      try {
        t.join();
      } catch (InterruptedException e) {
        stopping = true;
        Thread.currentThread().interrupt();
      }
    }
    try {
      heart.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!outage.givenUp()) {
      try {
        batches.stopped(id);
      } catch (JournalException e) {
        storeFailure.compareAndSet(null, e.getMessage());
      }
    }
    int spilled = journal.spilled() - spilledBefore;
    String failure = storeFailure.get();
    if (failure != null && spilled > 0) {
      failure +=
          "; "
              + spilled
              + " response(s) and item(s) received meanwhile are kept in "
              + spillFile
              + (journal.lost() > 0
                  ? " (" + journal.lost() + " could not be written even there: its disk is full)"
                  : "");
    }
    return new Summary(
        id,
        batchId,
        ok.get(),
        failed.get(),
        released.get(),
        stoppedItems.get(),
        takenOver.get(),
        failure,
        spilled,
        imported);
  }

  /** How one claimed item ended on this worker. */
  private enum Ended {
    SUCCEEDED,
    FAILED,
    /** not run: the budget refused its call */
    BUDGET,
    /** not run or cut short: the engine was shut down (Ctrl-C) */
    STOPPED
  }

  /**
   * One item: the workflow, its line into the journal, then the item marked finished; {@link
   * Ended#BUDGET} or {@link Ended#STOPPED} (nothing recorded) when the budget or a shutdown stopped
   * it.
   */
  private Ended runItem(
      SharedBatches.Claim claim,
      BatchWorkflow workflow,
      io.chorus.core.TaskContext ctx,
      Engine engine,
      AtomicReference<String> storeFailure)
      throws Exception {
    BatchItem item = claim.item();
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("custom_id", item.customId());
    line.put("line", item.line());
    ItemStatus status;
    try {
      line.setAll(workflow.run(item, ctx));
      status = ItemStatus.SUCCEEDED;
    } catch (ItemFailedException e) {
      if ("budget".equals(e.errorKind())) {
        return Ended.BUDGET; // not run: given back for a later run
      }
      if ("cancelled".equals(e.errorKind()) && engine.isShutdown()) {
        // not run, or cut short past the grace of a Ctrl-C (Engine.shutdown): given back. A call
        // cancelled or timed out for any other reason fails its item, as on one machine
        return Ended.STOPPED;
      }
      line.put("error_kind", e.errorKind());
      line.put("error", e.getMessage());
      line.put("attempts", e.attempts());
      status = ItemStatus.FAILED;
    }
    // recorded and marked finished in one statement; through an outage, retried, and past the
    // deadline written to the spill file
    journal.finishItem(
        claim.batchId(),
        new ItemRecord(0, item.line(), item.customId(), item.content(), status, line.toString()));
    if (outage.givenUp()) {
      storeFailure.compareAndSet(null, outage.describe());
    }
    return status == ItemStatus.SUCCEEDED ? Ended.SUCCEEDED : Ended.FAILED;
  }

  private static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "host";
    }
    return host
        + "/"
        + ProcessHandle.current().pid()
        + "/"
        + UUID.randomUUID().toString().substring(0, 4);
  }
}
