package io.chorus.providers;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.Sleeper;
import io.chorus.core.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link Provider} that sends its calls through the provider's batch API ({@link BatchApi}) at
 * half the price, for callers who accept the latency (minutes to hours): every call the engine
 * makes at about the same time — a batch file's items, a vote's samples, a review's specialists —
 * joins one <em>wave</em>, and each wave is submitted as one provider batch (split over the
 * provider's limits). A call returns when its batch has ended, with the provider's answer mapped
 * back by {@code custom_id}, or throws a non-retryable {@link ProviderException} carrying the
 * provider's reason (errored, expired, canceled).
 *
 * {@snippet :
 * BatchLedger ledger = BatchLedger.file(Path.of(".chorus/provider-batches.jsonl"));
 * try (Engine engine = Engine.builder()
 *     .provider(BatchRoute.builder(anthropic).ledger(ledger).build())
 *     .timeouts(Timeouts.none())  // a batch may take up to 24 h
 *     .build()) {
 *   Outcome<ChatResponse> r = engine.call(ChatRequest.of("anthropic:claude-haiku-4-5", "hello"));
 * }
 * }
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Waves.</b> A wave closes when no call has joined it for {@link Builder#linger} (default
 *       200 ms) or when it reaches the provider's request limit.
 *   <li><b>Recorded before polled.</b> Each provider batch is recorded in the {@link BatchLedger}
 *       (durably) as soon as the provider accepted it, before it is polled.
 *   <li><b>Never submitted twice.</b> A call whose request (by {@link ChatRequest#identity()},
 *       which becomes its {@code custom_id}) is in a batch the ledger holds — submitted by this run
 *       or by a killed earlier one — waits for that batch instead of joining a wave; a batch that
 *       already ended is read again (results stay with the provider for 29 days). Only a request
 *       that failed in a batch of an earlier run is submitted again (the caller chose to resubmit
 *       it). Identical requests in flight at once share one batch request.
 *   <li><b>Progress.</b> {@link Builder#onStatus} hears each batch's status after it is created and
 *       at every poll ({@link Builder#pollInterval}, default 5 s).
 *   <li><b>Other providers.</b> A provider without a batch API ({@link BatchApi#of} empty) is
 *       called directly.
 *   <li><b>Cancellation.</b> An interrupted call stops waiting; its batch is not cancelled (its
 *       other requests are paid for anyway) and stays in the ledger for a resume. {@link #close}
 *       stops the pollers and closes the wrapped provider.
 * </ul>
 *
 * <p>Streaming calls are answered whole: {@link StreamObserver#onText} once with the whole text.
 * Thread-safe.
 */
public final class BatchRoute implements Provider {
  private final Provider delegate;
  private final BatchApi api;
  private final BatchLedger ledger;
  private final Duration linger;
  private final Duration pollInterval;
  private final Sleeper sleeper;
  private final Consumer<BatchStatus> onStatus;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Map<String, CompletableFuture<ChatResponse>> waiting = new HashMap<>();
  private final Map<String, ChatRequest> requests = new HashMap<>();
  private final List<BatchRequest> wave = new ArrayList<>();
  private long lastArrival;
  private boolean flusherRunning;
  // custom id -> the provider batch that holds it (the latest), from the ledger and this run
  private final Map<String, String> batchOf = new HashMap<>();
  private final Set<String> fromEarlierRun = new HashSet<>();
  private final Set<String> polling = new HashSet<>();
  // results of ended batches that no call has claimed yet (a resume admits items gradually)
  private final Map<String, BatchResult> unclaimed = new HashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  private BatchRoute(Builder b) {
    this.delegate = b.provider;
    this.api = b.api != null ? b.api : BatchApi.of(b.provider).orElse(null);
    this.ledger = b.ledger;
    this.linger = b.linger;
    this.pollInterval = b.pollInterval;
    this.sleeper = b.sleeper;
    this.onStatus = b.onStatus;
    if (api != null) {
      for (BatchLedger.Submission s : ledger.submissions()) {
        if (s.provider().equals(api.provider())) {
          for (String id : s.customIds()) {
            batchOf.put(id, s.batchId());
            fromEarlierRun.add(id);
          }
        }
      }
    }
  }

  /** A route over {@code provider}; see {@link Builder} for the defaults. */
  public static Builder builder(Provider provider) {
    return new Builder(provider);
  }

  /** Builds a {@link BatchRoute}; not thread-safe. */
  public static final class Builder {
    private final Provider provider;
    private BatchApi api;
    private BatchLedger ledger = BatchLedger.inMemory();
    private Duration linger = Duration.ofMillis(200);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Sleeper sleeper = Sleeper.system();
    private Consumer<BatchStatus> onStatus = s -> {};

    private Builder(Provider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The batch API to use; default {@link BatchApi#of} the provider. */
    public Builder api(BatchApi api) {
      this.api = Objects.requireNonNull(api, "api");
      return this;
    }

    /** Where submitted batches are recorded; default in memory (no resume across runs). */
    public Builder ledger(BatchLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /** How long a wave stays open after the last call joined it (default 200 ms). */
    public Builder linger(Duration linger) {
      this.linger = positive(linger, "linger");
      return this;
    }

    /** How often a batch's status is asked for (default 5 s). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** How waits are made (default real sleeps). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Hears each batch's status when created and at every poll; must be fast, must not throw. */
    public Builder onStatus(Consumer<BatchStatus> onStatus) {
      this.onStatus = Objects.requireNonNull(onStatus, "onStatus");
      return this;
    }

    public BatchRoute build() {
      return new BatchRoute(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " (" + d + ") must be positive");
      }
      return d;
    }
  }

  /** Whether calls go through a batch API (false: the provider has none and is called directly). */
  public boolean batched() {
    return api != null;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean synthetic() {
    return delegate.synthetic();
  }

  /** The {@code custom_id} a request gets: derived from its identity, stable across runs. */
  public static String customId(ChatRequest request) {
    return "c" + request.identity().substring(0, 48);
  }

  @Override
  public ChatResponse call(ChatRequest request, CallContext context) throws InterruptedException {
    if (api == null) {
      return delegate.call(request, context);
    }
    CompletableFuture<ChatResponse> f = join(request);
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException pe) {
        throw pe;
      }
      throw new ProviderException(
          new ProviderError.MalformedResponse("batch route: " + e.getCause(), 0),
          null,
          null,
          false,
          e.getCause());
    }
  }

  @Override
  public ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer)
      throws InterruptedException {
    if (api == null) {
      return delegate.stream(request, context, observer);
    }
    ChatResponse r = call(request, context);
    if (r.reasoning() != null) {
      observer.onReasoning(r.reasoning());
    }
    observer.onText(r.text());
    return r;
  }

  private CompletableFuture<ChatResponse> join(ChatRequest request) {
    String id = customId(request);
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the batch route is closed");
      }
      CompletableFuture<ChatResponse> f = waiting.get(id);
      if (f != null) {
        return f; // an identical request is on its way: share its answer
      }
      f = new CompletableFuture<>();
      waiting.put(id, f);
      requests.put(id, request);
      BatchResult earlier = unclaimed.remove(id);
      if (earlier != null) {
        deliverLocked(earlier, batchOf.get(id));
        return f;
      }
      String batchId = batchOf.get(id);
      if (batchId != null) {
        if (!polling.contains(batchId)) {
          polling.add(batchId);
          start("chorus-batch-poll", () -> poll(batchId));
        }
        return f;
      }
      addToWave(new BatchRequest(id, request));
      return f;
    } finally {
      lock.unlock();
    }
  }

  private void addToWave(BatchRequest r) {
    wave.add(r);
    lastArrival = System.nanoTime();
    arrived.signalAll();
    if (!flusherRunning) {
      flusherRunning = true;
      start("chorus-batch-wave", this::flushWaves);
    }
  }

  private void start(String name, Runnable task) {
    Thread t = Thread.ofVirtual().name(name).unstarted(task);
    threads.add(t);
    t.start();
  }

  /** Closes waves when they go quiet (or fill up) and submits them. */
  private void flushWaves() {
    while (!closed) {
      List<BatchRequest> take;
      lock.lock();
      try {
        if (wave.isEmpty()) {
          flusherRunning = false;
          return;
        }
        long quietFor = System.nanoTime() - lastArrival;
        if (quietFor < linger.toNanos() && wave.size() < api.limits().maxRequests()) {
          long waitNanos = linger.toNanos() - quietFor;
          lock.unlock();
          try {
            sleeper.sleep(Duration.ofNanos(waitNanos));
          } catch (InterruptedException e) {
            return;
          } finally {
            lock.lock();
          }
          continue;
        }
        take = List.copyOf(wave);
        wave.clear();
      } finally {
        lock.unlock();
      }
      for (List<BatchRequest> chunk : api.split(take)) {
        submit(chunk);
      }
    }
  }

  private void submit(List<BatchRequest> chunk) {
    BatchStatus created;
    try {
      created = api.create(chunk);
    } catch (ProviderException e) {
      fail(chunk, e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      fail(
          chunk,
          new ProviderException(
              new ProviderError.MalformedResponse("batch create failed: " + e.getMessage(), 0),
              null,
              null,
              false,
              e));
      return;
    }
    List<String> ids = chunk.stream().map(BatchRequest::customId).toList();
    RuntimeException unrecorded = null;
    try {
      ledger.submitted(new BatchLedger.Submission(api.provider(), created.id(), ids, false));
    } catch (RuntimeException e) {
      unrecorded = e; // the batch runs and is polled; only a resume after a kill cannot find it
    }
    onStatus.accept(created);
    lock.lock();
    try {
      for (String id : ids) {
        batchOf.put(id, created.id());
        fromEarlierRun.remove(id);
      }
      polling.add(created.id());
      start("chorus-batch-poll", () -> poll(created.id()));
    } finally {
      lock.unlock();
    }
    if (unrecorded != null) {
      onStatus.accept(
          new BatchStatus(
              created.provider(),
              created.id(),
              "not recorded in the ledger: " + unrecorded.getMessage(),
              false,
              created.total(),
              created.succeeded(),
              created.failed()));
    }
  }

  /** Removes and returns the call waiting for {@code id}, or null. Under lock. */
  private CompletableFuture<ChatResponse> take(String id) {
    requests.remove(id);
    return waiting.remove(id);
  }

  private void fail(List<BatchRequest> chunk, ProviderException e) {
    lock.lock();
    try {
      for (BatchRequest r : chunk) {
        CompletableFuture<ChatResponse> f = take(r.customId());
        if (f != null) {
          f.completeExceptionally(e);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Polls a batch until it ends, then reads and delivers its results. */
  private void poll(String batchId) {
    int failures = 0;
    while (!closed) {
      try {
        BatchStatus s = api.retrieve(batchId);
        failures = 0;
        onStatus.accept(s);
        if (s.ended()) {
          List<BatchResult> results = new ArrayList<>();
          api.results(batchId, results::add);
          // recorded before the answers are handed out: a kill in between re-reads the batch
          ledger.ended(api.provider(), batchId);
          lock.lock();
          try {
            polling.remove(batchId);
            for (BatchResult r : results) {
              deliverLocked(r, batchId);
            }
          } finally {
            lock.unlock();
          }
          failUnanswered(batchId);
          return;
        }
        sleeper.sleep(pollInterval);
      } catch (InterruptedException e) {
        return;
      } catch (ProviderException e) {
        if (!e.retryable() || ++failures >= 10) {
          failWaitingOn(batchId, e);
          return;
        }
        try {
          sleeper.sleep(pollInterval);
        } catch (InterruptedException ie) {
          return;
        }
      } catch (RuntimeException e) {
        failWaitingOn(
            batchId,
            new ProviderException(
                new ProviderError.MalformedResponse("batch " + batchId + ": " + e.getMessage(), 0),
                null,
                null,
                false,
                e));
        return;
      }
    }
  }

  /** Completes the call waiting for {@code r}, or keeps it for one that comes later. Under lock. */
  private void deliverLocked(BatchResult r, String batchId) {
    CompletableFuture<ChatResponse> f = waiting.get(r.customId());
    if (f == null) {
      unclaimed.put(r.customId(), r);
      return;
    }
    if (r.succeeded()) {
      ChatRequest request = requests.get(r.customId());
      ChatResponse a = r.response();
      take(r.customId());
      // named by the model asked for, as a call's answer is (the provider may name a dated id)
      f.complete(
          new ChatResponse(
              a.text(),
              a.stopReason(),
              a.usage(),
              request.model(),
              a.requestId(),
              a.latency(),
              a.timeToFirstToken(),
              a.rateLimits(),
              a.reasoning(),
              a.synthetic()));
      return;
    }
    if (fromEarlierRun.remove(r.customId())) {
      // failed in a batch of an earlier run, and asked for again: the caller resubmits it
      batchOf.remove(r.customId());
      addToWave(new BatchRequest(r.customId(), requests.get(r.customId())));
      return;
    }
    take(r.customId());
    f.completeExceptionally(new ProviderException(r.error(), null, null, false, null));
  }

  private void failUnanswered(String batchId) {
    lock.lock();
    try {
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, CompletableFuture<ChatResponse>> e : waiting.entrySet()) {
        if (batchId.equals(batchOf.get(e.getKey()))) {
          missing.add(e.getKey());
        }
      }
      for (String id : missing) {
        waiting
            .remove(id)
            .completeExceptionally(
                new ProviderException(
                    new ProviderError.MalformedResponse(
                        "batch " + batchId + " ended without a result for " + id, 0),
                    null,
                    null,
                    false,
                    null));
      }
    } finally {
      lock.unlock();
    }
  }

  private void failWaitingOn(String batchId, ProviderException e) {
    lock.lock();
    try {
      polling.remove(batchId);
      List<String> ids = new ArrayList<>();
      for (String id : waiting.keySet()) {
        if (batchId.equals(batchOf.get(id))) {
          ids.add(id);
        }
      }
      for (String id : ids) {
        take(id).completeExceptionally(e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops the pollers and wave submission (batches keep running at the provider), then closes. */
  @Override
  public void close() {
    List<Thread> all;
    lock.lock();
    try {
      closed = true;
      all = List.copyOf(threads);
    } finally {
      lock.unlock();
    }
    all.forEach(Thread::interrupt);
    delegate.close();
  }
}
