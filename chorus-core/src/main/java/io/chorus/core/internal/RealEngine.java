package io.chorus.core.internal;

import io.chorus.core.BudgetStatus;
import io.chorus.core.Call;
import io.chorus.core.CallEvent;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.DeadLetter;
import io.chorus.core.Engine;
import io.chorus.core.EngineConfig;
import io.chorus.core.FailurePolicy;
import io.chorus.core.FallbackChain;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.ModelPolicies;
import io.chorus.core.Outcome;
import io.chorus.core.OutcomeSink;
import io.chorus.core.PrefixCaching;
import io.chorus.core.Price;
import io.chorus.core.Provider;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.SharedPrefix;
import io.chorus.core.Sleeper;
import io.chorus.core.StreamSummary;
import io.chorus.core.Task;
import io.chorus.core.TaskContext;
import io.chorus.core.TimeSource;
import io.chorus.core.Timeline;
import io.chorus.core.Timeouts;
import io.chorus.core.Usage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: shared state (limiters, breakers, latency windows, cooldowns, dead letters, the alarm
 * thread) plus the entry points. A call runs in {@link CallExecution}; a fan-out over a list
 * ({@code run}, {@code callAll}) in {@link CollectingScope}, one over an iterator ({@code stream})
 * in {@link ForwardingScope}; all are bound to a {@link Control} that carries cancellation and
 * deadlines, found by nested calls through {@link #CURRENT}.
 */
final class RealEngine implements Engine {
  private static final Logger log = LoggerFactory.getLogger(RealEngine.class);
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final int DEAD_LETTERS_KEPT = 10_000;

  /**
   * The task (or call) the current thread works for, so nested work inherits its deadline and
   * budget.
   */
  static final ThreadLocal<Control> CURRENT = new ThreadLocal<>();

  private final EngineConfig config;
  final TimeSource time;
  final Sleeper sleeper;
  final Events events;
  final Alarms alarms;

  /**
   * Where every thread of the engine comes from ({@link io.chorus.core.Engine.Builder#threads}).
   */
  final java.util.concurrent.ThreadFactory threads;

  private final Map<String, Limiter> providerLimiters = new ConcurrentHashMap<>();
  private final Map<ModelId, Limiter> modelLimiters = new ConcurrentHashMap<>();
  private final Map<ModelId, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<ModelId, LatencyWindow> latencies = new ConcurrentHashMap<>();
  private final Map<ModelId, Long> cooldowns = new ConcurrentHashMap<>();
  private final Map<ModelId, Price> prices = new ConcurrentHashMap<>();
  private final ReentrantLock randomLock = new ReentrantLock();
  private final RandomGenerator random;
  private final ReentrantLock deadLock = new ReentrantLock();
  private final ArrayDeque<DeadLetter> deadLetters = new ArrayDeque<>();
  private final Set<Control> active = ConcurrentHashMap.newKeySet();
  private final ReentrantLock activeLock = new ReentrantLock();
  private final Condition drained = activeLock.newCondition();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Set by {@link #shutdown} and {@link #close}: no call or task is admitted any more. */
  private final AtomicBoolean stopping = new AtomicBoolean();

  /** The budget's accounts, or null without a budget. */
  final BudgetLedger ledger;

  /** Leaders per shared prompt prefix, or null with prefix caching off. */
  final PrefixGate prefixGate;

  RealEngine(EngineConfig config) {
    this.config = validate(config);
    this.time = config.time();
    this.sleeper = config.sleeper();
    this.random = config.random();
    this.events = new Events(config.listeners());
    this.threads = config.threads() != null ? config.threads() : Thread.ofVirtual().factory();
    // with injected threads (a fake clock's), the alarm thread waits through the sleeper, so that
    // timeouts wake in time order with every other sleeper; otherwise it polls the clock
    this.alarms =
        config.threads() != null
            ? new Alarms(time, "chorus-alarms", this::newThread, sleeper)
            : new Alarms(time);
    config
        .modelLimits()
        .forEach(
            (m, l) ->
                modelLimiters.put(m, new Limiter(m.toString(), l, time, shared(m.toString(), l))));
    this.ledger = config.budget().limited() ? new BudgetLedger(config.budget()) : null;
    this.prefixGate =
        config.prefixCaching() == PrefixCaching.AUTO ? new PrefixGate(config.time()) : null;
    if (config.seed() != null) {
      log.debug("engine jitter seed {}", config.seed());
    }
  }

  private static EngineConfig validate(EngineConfig c) {
    Objects.requireNonNull(c.time(), "engine.time");
    Objects.requireNonNull(c.sleeper(), "engine.sleeper");
    Objects.requireNonNull(c.random(), "engine.random");
    Objects.requireNonNull(c.defaultLimits(), "engine.defaultLimits");
    Objects.requireNonNull(c.retry(), "engine.retry");
    Objects.requireNonNull(c.timeouts(), "engine.timeouts");
    Objects.requireNonNull(c.circuitBreaker(), "engine.circuitBreaker");
    Objects.requireNonNull(c.hedge(), "engine.hedge");
    checkHedge("", c.hedge(), c.timeouts(), c);
    for (String p : c.providerPolicies().keySet()) {
      ModelPolicies r = c.policiesFor(new ModelId(p, "*"));
      checkHedge("policies[" + p + "].", r.hedge(), r.timeouts(), c);
    }
    for (ModelId m : c.modelPolicies().keySet()) {
      ModelPolicies r = c.policiesFor(m);
      checkHedge("policies[" + m + "].", r.hedge(), r.timeouts(), c);
    }
    for (Map.Entry<ModelId, FallbackChain> e : c.fallbacks().entrySet()) {
      for (ModelId m : e.getValue().models()) {
        if (!c.providers().containsKey(m.provider())) {
          throw new IllegalArgumentException(
              "fallback["
                  + e.getKey()
                  + "]: model "
                  + m
                  + " needs a provider named '"
                  + m.provider()
                  + "', but only "
                  + c.providers().keySet()
                  + " are registered");
        }
        if (m.equals(e.getKey())) {
          throw new IllegalArgumentException(
              "fallback[" + e.getKey() + "]: a model cannot fall back to itself");
        }
      }
    }
    // a likely typo, but configurations may list providers that are not in use: warn, do not fail
    for (String p : c.providerLimits().keySet()) {
      if (!c.providers().containsKey(p)) {
        log.warn(
            "limits[{}]: no provider named '{}' is registered (registered: {}); these limits apply to nothing",
            p,
            p,
            c.providers().keySet());
      }
    }
    return c;
  }

  private static void checkHedge(String where, HedgePolicy h, Timeouts t, EngineConfig c) {
    if (h.enabled() && h.delay().compareTo(t.attempt()) >= 0) {
      throw new IllegalArgumentException(
          where
              + "hedge.delay ("
              + h.delay()
              + ") must be below timeouts.attempt ("
              + t.attempt()
              + "), or the hedge would never start");
    }
    if (h.enabled() && h.target() != null && !c.providers().containsKey(h.target().provider())) {
      throw new IllegalArgumentException(
          where
              + "hedge.target "
              + h.target()
              + " needs a provider named '"
              + h.target().provider()
              + "', but only "
              + c.providers().keySet()
              + " are registered");
    }
  }

  // ---- entry points

  /** Set on the engine's own threads: work started there stays there. */
  private static final ThreadLocal<Boolean> ON_ENGINE_THREAD = new ThreadLocal<>();

  /**
   * A new, unstarted thread of the engine's factory ({@link
   * io.chorus.core.Engine.Builder#threads}).
   */
  Thread newThread(Runnable body) {
    return threads.newThread(
        () -> {
          ON_ENGINE_THREAD.set(Boolean.TRUE);
          body.run();
        });
  }

  /**
   * Runs {@code body} on a thread of an injected factory, the caller waiting for it, so that all
   * the engine's work happens on threads the factory knows (a fake clock then sees when the engine
   * is idle); inline without a factory, and on the engine's own threads. An interrupt of the caller
   * interrupts the body's thread, as it would interrupt the body run inline.
   */
  private <T> T onEngineThread(java.util.function.Supplier<T> body) {
    if (config.threads() == null || ON_ENGINE_THREAD.get() != null) {
      return body.get();
    }
    Control parent = CURRENT.get();
    java.util.concurrent.atomic.AtomicReference<T> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread t =
        newThread(
            () -> {
              if (parent != null) {
                CURRENT.set(parent);
              }
              try {
                result.set(body.get());
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    t.start();
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        t.interrupt();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error er) {
      throw er;
    }
    return result.get();
  }

  @Override
  public Outcome<ChatResponse> call(ChatRequest request, CallOptions options) {
    return onEngineThread(() -> callHere(request, options));
  }

  private Outcome<ChatResponse> callHere(ChatRequest request, CallOptions options) {
    Objects.requireNonNull(request, "request");
    CallOptions opts = options == null ? CallOptions.DEFAULT : options;
    Control parent = CURRENT.get();
    String runId = newRunId();
    RetryPolicy rp = opts.retry().or(config.retry());
    RetryBudget budget = parent != null ? null : RetryBudget.forRun(rp, 1);
    Instant start = time.now();
    events.runStart(runId, null, 1);
    events.callQueued(new CallEvent(runId, runId + "/0", 0, request, null, start));
    Outcome<ChatResponse> o = null;
    try {
      o = executeCall(parent, budget, runId, 0, null, request, opts, 0, start);
    } catch (RuntimeException e) {
      // a part the caller plugged in (cache, sink) broke: the call fails, it does not throw
      o =
          new Outcome.Failure<>(
              e,
              new Timeline(
                  runId + "/0", 0, start, null, time.now(), List.of(), Duration.ZERO, null, 0));
    } finally {
      // in finally, so that even an Error keeps the promise that every start gets its end
      Outcome<ChatResponse> end =
          o != null
              ? o
              : new Outcome.Failure<>(
                  new IllegalStateException("the call ended abruptly"),
                  new Timeline(
                      runId + "/0", 0, start, null, time.now(), List.of(), Duration.ZERO, null, 0));
      events.callEnd(new CallEvent(runId, runId + "/0", 0, request, null, time.now()), end);
      events.runEnd(
          runId,
          new RunResult<>(runId, List.of(end), FailurePolicy.IGNORE, start, time.now(), null));
    }
    if (parent != null) {
      parent.addChild(o.timeline().usage(), o.timeline().costUsd());
    }
    return o;
  }

  @Override
  public RunResult<ChatResponse> callAll(List<Call> calls, RunOptions options) {
    return onEngineThread(() -> callAllHere(calls, options));
  }

  private RunResult<ChatResponse> callAllHere(List<Call> calls, RunOptions options) {
    Objects.requireNonNull(calls, "calls");
    RunOptions ro = options == null ? RunOptions.DEFAULT : options;
    List<ChatRequest> reqs = new ArrayList<>(calls.size());
    String runId = ro.runId() != null ? ro.runId() : newRunId();
    int rounds = ro.policy().base() instanceof FailurePolicy.Retry r ? r.rounds() : 0;
    List<CollectingScope.Body<ChatResponse>> bodies = new ArrayList<>(calls.size());
    List<ChatRequest> marked = markSharedPrefixes(calls);
    for (int i = 0; i < calls.size(); i++) {
      int index = i;
      Call call = calls.get(i);
      ChatRequest req = marked.get(i);
      CallOptions co = call.options() != null ? call.options() : ro.callOptions();
      reqs.add(req);
      bodies.add(
          (slot, queuedAt) ->
              executeCall(slot, null, runId, index, ro.label(), req, co, rounds, queuedAt));
    }
    return scope(runId, ro, bodies, reqs, launchWindow(reqs.size())).execute();
  }

  /** The calls' requests, marked with the prefixes they share unless prefix caching is off. */
  private List<ChatRequest> markSharedPrefixes(List<Call> calls) {
    List<ChatRequest> requests = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      requests.add(Objects.requireNonNull(calls.get(i), "calls[" + i + "]").request());
    }
    return prefixGate == null || requests.size() < 2 ? requests : SharedPrefix.mark(requests);
  }

  @Override
  public <T> RunResult<T> run(List<? extends Task<T>> tasks, RunOptions options) {
    return onEngineThread(() -> runHere(tasks, options));
  }

  private <T> RunResult<T> runHere(List<? extends Task<T>> tasks, RunOptions options) {
    Objects.requireNonNull(tasks, "tasks");
    RunOptions ro = options == null ? RunOptions.DEFAULT : options;
    List<Task<T>> all = List.copyOf(tasks);
    String runId = ro.runId() != null ? ro.runId() : newRunId();
    int rounds = ro.policy().base() instanceof FailurePolicy.Retry r ? r.rounds() : 0;
    List<CollectingScope.Body<T>> bodies = new ArrayList<>(all.size());
    java.util.concurrent.atomic.AtomicReference<CollectingScope<T>> holder =
        new java.util.concurrent.atomic.AtomicReference<>();
    for (int i = 0; i < all.size(); i++) {
      int index = i;
      Task<T> task = all.get(i);
      bodies.add(
          (slot, queuedAt) ->
              runTask(
                  holder.get()::deadlineInstant,
                  holder.get()::judge,
                  runId,
                  index,
                  ro.label(),
                  task,
                  slot,
                  rounds,
                  queuedAt));
    }
    // tasks are opaque (they may wait on anything, not only on providers): all start at once
    holder.set(scope(runId, ro, bodies, null, all.size()));
    return holder.get().execute();
  }

  /**
   * How many calls of a fan-out hold a thread at once: twice what every registered provider's
   * bulkhead admits (so a freed permit always finds a call waiting for it), or all of them when a
   * provider has no concurrency limit.
   */
  int launchWindow(int n) {
    long admitted = 0;
    for (String p : config.providers().keySet()) {
      int max = config.providerLimits().getOrDefault(p, config.defaultLimits()).maxConcurrency();
      if (max <= 0) {
        return n;
      }
      admitted += max;
    }
    return (int) Math.min(n, 2 * admitted + 16);
  }

  private <T> CollectingScope<T> scope(
      String runId,
      RunOptions ro,
      List<CollectingScope.Body<T>> bodies,
      List<ChatRequest> reqs,
      int window) {
    Control parent = CURRENT.get();
    RetryPolicy rp = ro.callOptions().retry().or(config.retry());
    RetryBudget budget = RetryBudget.forRun(rp, bodies.size());
    return new CollectingScope<>(
        this, runId, ro.label(), ro.policy(), bodies, reqs, parent, ro.deadline(), budget, window);
  }

  @Override
  public <T> StreamSummary stream(
      Iterator<? extends Task<T>> tasks, RunOptions options, int window, OutcomeSink<T> sink) {
    return onEngineThread(() -> streamHere(tasks, options, window, sink));
  }

  private <T> StreamSummary streamHere(
      Iterator<? extends Task<T>> tasks, RunOptions options, int window, OutcomeSink<T> sink) {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(sink, "sink");
    if (window <= 0) {
      throw new IllegalArgumentException("window (" + window + ") must be positive");
    }
    RunOptions ro = options == null ? RunOptions.DEFAULT : options;
    String runId = ro.runId() != null ? ro.runId() : newRunId();
    int rounds = ro.policy().base() instanceof FailurePolicy.Retry r ? r.rounds() : 0;
    RetryPolicy rp = ro.callOptions().retry().or(config.retry());
    ForwardingScope<T> scope =
        new ForwardingScope<>(
            this, runId, ro, CURRENT.get(), RetryBudget.forRun(rp, window), window, sink);
    return scope.execute(
        tasks,
        (task, index, slot, queuedAt) ->
            runTask(
                scope::deadlineInstant,
                v -> null,
                runId,
                index,
                ro.label(),
                task,
                slot,
                rounds,
                queuedAt));
  }

  <T> Outcome<T> runTask(
      Supplier<Instant> deadline,
      java.util.function.Function<Object, String> judge,
      String runId,
      int index,
      String label,
      Task<T> task,
      Control slot,
      int rounds,
      Instant queuedAt) {
    slot.admitted = true;
    register(slot);
    try {
      Instant admittedAt = time.now();
      events.callAdmitted(
          new CallEvent(runId, runId + "/" + index, index, null, label, admittedAt));
      TaskContext ctx = new TaskContext(runId, index, deadline.get(), this);
      for (int round = 0; ; round++) {
        try {
          T value = task.run(ctx);
          Stop s = slot.stopped();
          if (s != null) {
            // stopped while it ran: whatever it returned was built on cancelled work (its cost is
            // kept)
            return s.outcome(taskTimeline(runId, index, queuedAt, admittedAt, slot));
          }
          if (round < rounds && judge.apply(value) != null) {
            continue; // the policy counts this value as a failure: run the task again
          }
          return new Outcome.Success<>(
              value, taskTimeline(runId, index, queuedAt, admittedAt, slot));
        } catch (Throwable e) {
          Stop s = slot.stopped();
          if (s != null) {
            return s.outcome(taskTimeline(runId, index, queuedAt, admittedAt, slot));
          }
          if (e instanceof InterruptedException) {
            return new Outcome.Cancelled<>(
                "interrupted", taskTimeline(runId, index, queuedAt, admittedAt, slot));
          }
          if (round >= rounds || e instanceof Error) {
            return new Outcome.Failure<>(e, taskTimeline(runId, index, queuedAt, admittedAt, slot));
          }
        }
      }
    } finally {
      unregister(slot);
    }
  }

  private Timeline taskTimeline(
      String runId, int index, Instant queuedAt, Instant admittedAt, Control slot) {
    return new Timeline(
        runId + "/" + index,
        index,
        queuedAt,
        admittedAt,
        time.now(),
        List.of(),
        Duration.ZERO,
        slot.childUsage(),
        slot.childCost());
  }

  private Outcome<ChatResponse> executeCall(
      Control parent,
      RetryBudget budget,
      String runId,
      int index,
      String label,
      ChatRequest request,
      CallOptions options,
      int rounds,
      Instant queuedAt) {
    Timeouts t = options.timeouts().or(config.policiesFor(request.model()).timeouts());
    long own = Control.NO_DEADLINE;
    Stop ownStop = null;
    if (t.call() != null) {
      own = time.nanoTime() + t.call().toNanos();
      ownStop = Stop.timedOut("call deadline of " + t.call() + " passed", t.call());
    }
    Control c = new Control(parent, own, ownStop, budget);
    c.bind(Thread.currentThread());
    register(c);
    Alarms.Alarm alarm = null;
    if (own != Control.NO_DEADLINE && c.deadlineNanos == own) {
      alarm = alarms.schedule(own, () -> c.stop(c.deadlineStop));
    }
    try {
      return new CallExecution(this, c, runId, index, label, request, options, t, rounds, queuedAt)
          .run();
    } finally {
      if (alarm != null) {
        alarm.cancel();
      }
      c.finish();
      unregister(c);
    }
  }

  // ---- shared state used by calls

  Provider provider(String name) {
    return config.providers().get(name);
  }

  /** The shared state of a limiter, when the engine shares its limits. */
  private io.chorus.core.SharedLimiter.@org.jspecify.annotations.Nullable Limit shared(
      String name, Limits limits) {
    return config.sharedLimiter() == null ? null : config.sharedLimiter().limit(name, limits);
  }

  Limiter providerLimiter(String provider) {
    Limiter l = providerLimiters.get(provider);
    if (l == null) {
      Limits limits = config.providerLimits().getOrDefault(provider, config.defaultLimits());
      l =
          providerLimiters.computeIfAbsent(
              provider, p -> new Limiter(p, limits, time, shared(p, limits)));
    }
    return l;
  }

  Limiter modelLimiter(ModelId model) {
    return modelLimiters.isEmpty() ? null : modelLimiters.get(model);
  }

  CircuitBreaker breaker(ModelId model) {
    CircuitBreaker b = breakers.get(model);
    if (b == null) {
      CircuitBreakerPolicy p = config.policiesFor(model).circuitBreaker();
      b =
          breakers.computeIfAbsent(
              model, m -> new CircuitBreaker(m, p, time, events::breakerTransition));
    }
    return b;
  }

  LatencyWindow latencies(ModelId model) {
    LatencyWindow w = latencies.get(model);
    return w != null ? w : latencies.computeIfAbsent(model, m -> new LatencyWindow());
  }

  /**
   * The cost of {@code usage} on {@code model}; the table's pattern lookup is done once per model.
   */
  double cost(ModelId model, Usage usage) {
    return price(model).cost(usage);
  }

  private Price price(ModelId model) {
    Price p = prices.get(model);
    if (p == null) {
      p = prices.computeIfAbsent(model, m -> config.prices().find(m).orElse(UNPRICED));
    }
    return p;
  }

  /**
   * Stands for "not in the table" in the per-model cache; costs nothing, like {@link Price#FREE}.
   */
  private static final Price UNPRICED = new Price(0, 0, 0, 0);

  /**
   * The most one attempt of {@code request} on {@code model} can cost: the prompt estimate at the
   * input price (the cache-write price when the request caches its prompt and that is dearer) plus
   * max tokens at the output price. Records the model as unpriced when the table has no price.
   */
  double worstCaseUsd(ModelId model, ChatRequest request) {
    Price p = price(model);
    if (p == UNPRICED && ledger != null) {
      ledger.unpriced(model);
    }
    double in =
        request.cacheSystemPrompt() || request.sharedPrefix() != null
            ? Math.max(p.inputPerMillion(), p.cacheWritePerMillion())
            : p.inputPerMillion();
    return (request.estimatedInputTokens() * in + request.maxTokens() * p.outputPerMillion())
        / 1_000_000.0;
  }

  boolean coolingDown(ModelId model) {
    Long until = cooldowns.get(model);
    if (until == null) {
      return false;
    }
    if (time.nanoTime() >= until) {
      cooldowns.remove(model, until);
      return false;
    }
    return true;
  }

  void coolDown(ModelId model, Duration cooldown) {
    if (cooldown.isPositive()) {
      cooldowns.put(model, time.nanoTime() + cooldown.toNanos());
    }
  }

  /**
   * The wait before retry {@code retry} (1-based): the backoff, with full jitter when configured.
   */
  Duration jitter(RetryPolicy policy, int retry) {
    Duration backoff = policy.backoff(retry);
    if (!policy.fullJitter()) {
      return backoff;
    }
    randomLock.lock();
    try {
      return Duration.ofNanos(random.nextLong(backoff.toNanos() + 1));
    } finally {
      randomLock.unlock();
    }
  }

  private String newRunId() {
    int suffix;
    randomLock.lock();
    try {
      suffix = random.nextInt(0x10000);
    } finally {
      randomLock.unlock();
    }
    return "run_" + RUN_ID.format(time.now()) + "_" + String.format("%04x", suffix);
  }

  void deadLetter(String runId, String callId, ChatRequest request, Outcome<?> outcome) {
    DeadLetter letter =
        new DeadLetter(
            runId,
            callId,
            request,
            outcome.errorKind(),
            outcome.errorMessage(),
            outcome.timeline().attempts(),
            time.now());
    deadLock.lock();
    try {
      deadLetters.addLast(letter);
      if (deadLetters.size() > DEAD_LETTERS_KEPT) {
        deadLetters.removeFirst();
      }
    } finally {
      deadLock.unlock();
    }
    events.deadLetter(letter);
    try {
      config.deadLetters().accept(letter);
    } catch (RuntimeException e) {
      log.warn("dead-letter sink failed for {}", callId, e);
    }
  }

  private void register(Control c) {
    active.add(c);
  }

  private void unregister(Control c) {
    active.remove(c);
    if (stopping.get()) {
      activeLock.lock();
      try {
        drained.signalAll();
      } finally {
        activeLock.unlock();
      }
    }
  }

  // ---- Engine

  @Override
  public List<DeadLetter> deadLetters() {
    deadLock.lock();
    try {
      return List.copyOf(deadLetters);
    } finally {
      deadLock.unlock();
    }
  }

  @Override
  public BudgetStatus budgetStatus() {
    return ledger != null
        ? ledger.status()
        : new BudgetStatus(config.budget(), 0, 0, 0, 0, Set.of());
  }

  @Override
  public EngineConfig config() {
    return config;
  }

  @Override
  public boolean isShutdown() {
    return stopping.get();
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Whether calls and tasks are no longer admitted ({@link #shutdown} or {@link #close} was
   * called).
   */
  boolean admissionStopped() {
    return stopping.get();
  }

  /** Why a call or task met {@link #admissionStopped()}: closed, or shut down. */
  String admissionStoppedReason() {
    return closed.get() ? "engine is closed" : "engine is shut down";
  }

  @Override
  public void shutdown(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    stopping.set(true);
    cancelUnadmitted("engine shut down before the call was admitted");
    if (!grace.isPositive()) {
      cancelActive("engine shut down: calls in flight cancelled");
      return;
    }
    Thread.ofVirtual()
        .name("chorus-engine-shutdown")
        .start(
            () -> {
              awaitDrained(grace.toNanos());
              cancelActive("engine shut down: the grace of " + grace + " passed");
            });
  }

  private void cancelUnadmitted(String reason) {
    for (Control c : active) {
      if (!c.admitted) {
        c.stop(Stop.cancelled(reason));
      }
    }
  }

  private void cancelActive(String reason) {
    for (Control c : active) {
      c.stop(Stop.cancelled(reason));
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopping.set(true);
    cancelUnadmitted("engine closed before the call was admitted");
    Duration grace = config.shutdownGrace();
    awaitDrained(grace.toNanos());
    cancelActive("engine closed: the shutdown grace of " + grace + " passed");
    awaitDrained(TimeUnit.SECONDS.toNanos(30));
    for (Provider p : config.providers().values()) {
      try {
        p.close();
      } catch (RuntimeException e) {
        log.warn("provider {} failed to close", p.name(), e);
      }
    }
    alarms.shutdown();
  }

  /** Waits until no call is active, at most {@code nanos} of wall-clock time from now. */
  private void awaitDrained(long nanos) {
    // wall-clock on purpose (the grace is a promise to a person pressing Ctrl-C, not fake time);
    // the deadline is fixed up front: each wake-up (a call ending, the 50 ms poll) must not
    // restart or shrink the wait
    long deadline = System.nanoTime() + nanos;
    activeLock.lock();
    try {
      for (long left = nanos; !active.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
        drained.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      activeLock.unlock();
    }
  }
}
