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
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.Task;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
 * <p>When the store fails (a claim, a heartbeat or a finish cannot be written), the worker stops
 * claiming, lets the items in flight end, and {@link #run} returns with {@link
 * Summary#storeFailure} set: their leases expire and they run again elsewhere, answered from the
 * journal where it took their responses.
 */
public final class Worker {

  private final PostgresStore store;
  private final SharedBatches batches;
  private final String id;
  private final int concurrency;
  private final Duration leaseTtl;
  private final Duration poll;
  private volatile boolean stopping;

  private Worker(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store");
    this.batches = new SharedBatches(store);
    this.id = b.id != null ? b.id : defaultId();
    this.concurrency = b.concurrency;
    this.leaseTtl = b.leaseTtl;
    this.poll = b.poll;
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

    private Builder() {}

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
   * @param released items it gave back unrun (the budget stopped them)
   * @param takenOver items it took over from a worker whose lease had expired
   * @param storeFailure why the store failed mid-run (the worker stopped claiming), or null
   */
  public record Summary(
      String worker,
      String batchId,
      int succeeded,
      int failed,
      int released,
      int takenOver,
      String storeFailure) {}

  /** This worker's id. */
  public String id() {
    return id;
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
    JournalStore journal = store.journal();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger released = new AtomicInteger();
    AtomicInteger takenOver = new AtomicInteger();
    AtomicReference<String> storeFailure = new AtomicReference<>();
    CountDownLatch loopsDone = new CountDownLatch(concurrency);
    batches.heartbeat(id, batchId, leaseTtl);
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
                      } catch (JournalException e) {
                        storeFailure.compareAndSet(null, e.getMessage());
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
                        List<SharedBatches.Claim> claims = batches.claim(batchId, id, 1, leaseTtl);
                        if (claims.isEmpty()) {
                          if (!batches.hasOpenItems(batchId)) {
                            return;
                          }
                          Thread.sleep(poll.toMillis());
                          continue;
                        }
                        for (SharedBatches.Claim claim : claims) {
                          if (claim.attempts() > 1) {
                            takenOver.incrementAndGet();
                          }
                          Task<ItemStatus> task =
                              ctx -> runItem(journal, claim, workflow, ctx, storeFailure);
                          var outcome =
                              engine
                                  .run(
                                      List.of(task),
                                      RunOptions.of(FailurePolicy.IGNORE).withLabel("worker"))
                                  .outcomes()
                                  .get(0);
                          ItemStatus s =
                              outcome instanceof io.chorus.core.Outcome.Success<ItemStatus> succ
                                  ? succ.value()
                                  : null;
                          if (storeFailure.get() != null) {
                            break; // the item's lease expires; its response, if stored, answers
                            // whoever takes it
                          }
                          if (s == null) {
                            batches.release(claim, id);
                            released.incrementAndGet();
                            stopping =
                                true; // the budget is spent: claiming more would only release them
                            // again
                          } else {
                            (s == ItemStatus.SUCCEEDED ? ok : failed).incrementAndGet();
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
    try {
      batches.stopped(id);
    } catch (JournalException e) {
      storeFailure.compareAndSet(null, e.getMessage());
    }
    return new Summary(
        id, batchId, ok.get(), failed.get(), released.get(), takenOver.get(), storeFailure.get());
  }

  /**
   * One item: the workflow, its line into the journal, then the item marked finished; null when the
   * budget or a shutdown stopped it.
   */
  private ItemStatus runItem(
      JournalStore journal,
      SharedBatches.Claim claim,
      BatchWorkflow workflow,
      io.chorus.core.TaskContext ctx,
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
      if ("budget".equals(e.errorKind()) || "cancelled".equals(e.errorKind())) {
        return null; // not run, or cut short by Ctrl-C (Engine.shutdown): given back for a later
        // run
      }
      line.put("error_kind", e.errorKind());
      line.put("error", e.getMessage());
      line.put("attempts", e.attempts());
      status = ItemStatus.FAILED;
    }
    try {
      journal.finishItem(
          claim.batchId(),
          new ItemRecord(0, item.line(), item.customId(), item.content(), status, line.toString()));
      batches.finish(claim, id, status == ItemStatus.SUCCEEDED);
    } catch (JournalException e) {
      storeFailure.compareAndSet(null, e.getMessage());
      return null;
    }
    return status;
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
