package io.chorus.core;

import io.chorus.core.internal.Engines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadFactory;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Runs LLM calls and fan-outs of tasks, each on its own virtual thread, under the configured limits
 * and policies.
 *
 * <h2>What a call goes through</h2>
 *
 * In this order: the response cache; the circuit breaker of its model (open: straight to the
 * fallback chain); the concurrency limits of its provider and model (a priority queue when full);
 * the {@link Budget} (reserving the attempt's worst-case cost, settled with its real cost); the
 * request and token buckets (reserving the prompt estimate plus max tokens, reconciled with the
 * real usage afterwards); then attempts, each bounded by the attempt timeout clipped to the call
 * and run deadlines. A retryable failure is retried after a jittered backoff (or the provider's
 * retry-after, which also pauses that provider's buckets for every call); when retries are
 * exhausted, the breaker opens or quota is gone, the next model of the fallback chain is tried.
 * With hedging, a duplicate attempt starts after the hedge delay and the first success wins.
 *
 * <h2>Structured fan-out</h2>
 *
 * {@link #run} and {@link #callAll} return only when every task has finished or been cancelled;
 * results come back in submission order. Cancellation interrupts the task's virtual thread, which
 * aborts in-flight transport calls. Runs nest: a task may call the engine again, and limits stay
 * global to the engine.
 *
 * <p>A call made from inside a {@link Task} (through {@link TaskContext#engine()} or any engine
 * reference on the task's thread) inherits the run's deadline, retry budget and cancellation.
 * {@link #call} runs on the caller's thread; {@link #callAll} and {@link #run} start one virtual
 * thread per task. With {@link Builder#threads} set, every entry point runs on a thread of that
 * factory instead, the caller waiting for it (so that the factory sees all the engine's work).
 *
 * <p>Thread-safe. {@link #close()} stops admitting work, lets in-flight calls finish within the
 * shutdown grace period (wall-clock time, even with an injected clock), then cancels them; nothing
 * already completed is lost. Calls made after closing end as {@link Outcome.Cancelled}.
 *
 * {@snippet :
 * try (Engine engine = Engine.builder().provider(myProvider).build()) {
 *   RunResult<ChatResponse> result = engine.callAll(Call.all(requests), RunOptions.of(FailurePolicy.quorum(3)));
 *   result.values().forEach(r -> System.out.println(r.text()));
 * }
 * }
 */
public interface Engine extends AutoCloseable {

  /** One call through every policy. Never throws for provider failures: see the outcome. */
  Outcome<ChatResponse> call(ChatRequest request, CallOptions options);

  default Outcome<ChatResponse> call(ChatRequest request) {
    return call(request, CallOptions.DEFAULT);
  }

  /**
   * Many calls at once; outcomes in submission order. Each {@link Call} carries its own request and
   * options (a call without options uses {@link RunOptions#callOptions()}); {@link Call#all} turns
   * a list of requests into calls. The run's {@link FailurePolicy} sees every outcome as it
   * completes, in completion order, and may stop the fan-out early ({@link
   * FailurePolicy#stopWhen}).
   *
   * <p>Every call is queued at once (its {@code callQueued} event fires), but only as many hold a
   * thread as the providers' bulkheads can admit, twice over; the others start as those finish. A
   * fan-out of any size therefore costs memory for its requests and outcomes, not for a parked
   * thread per call.
   */
  RunResult<ChatResponse> callAll(List<Call> calls, RunOptions options);

  /**
   * Many tasks at once (nested patterns, tool steps); outcomes in submission order. A task's value
   * can count as a failure for the run's policy ({@link FailurePolicy#failedIf}) without the task
   * throwing; an exception a task throws is its failure.
   */
  <T> RunResult<T> run(List<? extends Task<T>> tasks, RunOptions options);

  /**
   * An unbounded fan-out: tasks are taken from {@code tasks} only as slots free, at most {@code
   * window} run at once, and each outcome goes to {@code sink} as it completes, before its slot is
   * given to the next task. Nothing of a finished task is kept, so memory depends on the window,
   * not on how many tasks the iterator yields (a batch of a million lines runs in the heap of ten
   * thousand).
   *
   * <p>The iterator is called on the caller's thread only, so it may read a file lazily; returning
   * false from {@code hasNext} is how a caller stops admitting (in-flight tasks finish).
   * Interrupting the caller's thread cancels the tasks in flight. {@link FailurePolicy.FailFast}
   * stops admitting and cancels on the first failure; the other policies admit every task. The
   * run's deadline and retry budget apply as in {@link #run}; the retry budget is sized for {@code
   * window} tasks. Returns when the iterator is exhausted (or the stream stopped) and every started
   * task has reached the sink. Events are those of {@link #run}, with {@code runStart}'s task count
   * 0 (not known in advance) and a {@code runEnd} result without outcomes.
   *
   * {@snippet :
   * Iterator<Task<String>> tasks = lines.map(line -> (Task<String>) ctx -> answer(ctx, line)).iterator();
   * StreamSummary s = engine.stream(tasks, RunOptions.DEFAULT, 64, (i, outcome) -> journal.write(i, outcome));
   * }
   *
   * @throws RuntimeException the first exception of the sink (wrapped when checked), after every
   *     started task has finished
   */
  <T> StreamSummary stream(
      Iterator<? extends Task<T>> tasks, RunOptions options, int window, OutcomeSink<T> sink);

  /** Calls that failed for good since the engine started, oldest first. */
  List<DeadLetter> deadLetters();

  /** What the engine's {@link Budget} stands at: spent, reserved, calls refused. */
  BudgetStatus budgetStatus();

  /** What the engine was built with. */
  EngineConfig config();

  /** Whether {@link #close()} has been called. */
  boolean isClosed();

  /**
   * Whether {@link #shutdown} or {@link #close()} has been called: no call or task is admitted any
   * more.
   */
  boolean isShutdown();

  /**
   * Stops admitting calls and tasks, lets the calls in flight finish for up to {@code grace}, then
   * cancels them (their threads are interrupted, which closes their connections); returns at once.
   * What a Ctrl-C handler calls: runs in progress return as their tasks end, with every call
   * answered before the cancellation kept ({@link Outcome.Success}, and in the {@link
   * ResponseCache}) and the others {@link Outcome.Cancelled}, so their results can still be
   * written. Calls and tasks that were waiting for admission (a concurrency limit, a rate-limit
   * bucket) or are started later end as {@link Outcome.Cancelled} without being sent.
   *
   * <p>Calling again shortens the wait: {@code shutdown(Duration.ZERO)} cancels the calls in flight
   * now (a second Ctrl-C). The engine still needs {@link #close()}, which closes the providers.
   * Thread-safe; the grace is wall-clock time, even with an injected clock.
   *
   * {@snippet :
   * sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> engine.shutdown(Duration.ofSeconds(10)));
   * RunResult<ChatResponse> r = engine.callAll(calls, RunOptions.DEFAULT); // returns soon after Ctrl-C
   * }
   */
  void shutdown(Duration grace);

  /**
   * Stops admitting work, waits up to the shutdown grace for in-flight calls, then cancels what is
   * left and closes the providers. Idempotent.
   */
  @Override
  void close();

  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Engine}; not thread-safe. */
  final class Builder {
    private final Map<String, Provider> providers = new HashMap<>();
    private java.util.function.UnaryOperator<Provider> route =
        java.util.function.UnaryOperator.identity();
    private TimeSource time = TimeSource.system();
    private Sleeper sleeper = Sleeper.system();
    private @Nullable RandomGenerator random;
    private @Nullable Long seed;
    private final List<EngineListener> listeners = new ArrayList<>();
    private final Map<String, Limits> providerLimits = new HashMap<>();
    private final Map<ModelId, Limits> modelLimits = new HashMap<>();
    private Limits defaultLimits = new Limits(64, 0, 0);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.DEFAULT;
    private HedgePolicy hedge = HedgePolicy.NONE;
    private final Map<ModelId, FallbackChain> fallbacks = new HashMap<>();
    private PriceTable prices = PriceTable.defaults();
    private DeadLetterSink deadLetters = DeadLetterSink.NONE;
    private ResponseCache cache = ResponseCache.NONE;
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Budget budget = Budget.none();
    private @Nullable SharedLimiter sharedLimiter;
    private final Map<String, ModelPolicies> providerPolicies = new HashMap<>();
    private final Map<ModelId, ModelPolicies> modelPolicies = new HashMap<>();
    private ModelCatalog catalog = ModelCatalog.defaults();
    private @Nullable ThreadFactory threads;
    private PrefixCaching prefixCaching = PrefixCaching.AUTO;

    Builder() {}

    /**
     * Sends every registered provider's calls through {@code route.apply(provider)}, which must
     * keep the provider's name: for example {@code p -> BatchRoute.builder(p).build()} (in
     * chorus-providers) sends them through the providers' batch APIs at half the price. The engine
     * closes what {@code route} returns instead of the provider. Default: the providers as they
     * are.
     */
    public Builder route(java.util.function.UnaryOperator<Provider> route) {
      this.route = Objects.requireNonNull(route, "route");
      return this;
    }

    /** Registers a provider under {@link Provider#name()}; a later one with the same name wins. */
    public Builder provider(Provider provider) {
      providers.put(Objects.requireNonNull(provider, "provider").name(), provider);
      return this;
    }

    public Builder time(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Seeds the jitter randomness (logged, so a run can be reproduced). */
    public Builder seed(long seed) {
      this.seed = seed;
      this.random = new SplittableRandom(seed);
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public Builder listener(EngineListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Limits for every model of {@code provider}. */
    public Builder limits(String provider, Limits limits) {
      providerLimits.put(provider, Objects.requireNonNull(limits, "limits"));
      return this;
    }

    /** Limits for one model (on top of its provider's). */
    public Builder limits(ModelId model, Limits limits) {
      modelLimits.put(model, Objects.requireNonNull(limits, "limits"));
      return this;
    }

    /** Limits for providers without their own entry (default: 64 concurrent, no rate limit). */
    public Builder defaultLimits(Limits limits) {
      this.defaultLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      this.circuitBreaker = Objects.requireNonNull(policy, "circuitBreaker");
      return this;
    }

    /** Hedging for every call (default {@link HedgePolicy#NONE}); a call may switch it off. */
    public Builder hedge(HedgePolicy hedge) {
      this.hedge = Objects.requireNonNull(hedge, "hedge");
      return this;
    }

    public Builder fallback(ModelId model, FallbackChain chain) {
      fallbacks.put(model, Objects.requireNonNull(chain, "chain"));
      return this;
    }

    public Builder prices(PriceTable prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    public Builder deadLetters(DeadLetterSink sink) {
      this.deadLetters = Objects.requireNonNull(sink, "deadLetters");
      return this;
    }

    /** The response cache (default {@link ResponseCache#NONE}: none). */
    public Builder cache(ResponseCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache (ResponseCache.NONE for none)");
      return this;
    }

    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = grace;
      return this;
    }

    /** The most the engine may spend over its lifetime (default {@link Budget#none()}). */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * Shares the per-minute rate limits (requests, tokens) and 429 pauses with every engine that
     * has the same shared limiter, in this process or others (e.g. chorus-store-postgres's {@code
     * PostgresRateLimits}); null (the default) keeps them this engine's own.
     */
    public Builder sharedLimiter(@Nullable SharedLimiter shared) {
      this.sharedLimiter = shared;
      return this;
    }

    /**
     * Retry, timeouts, hedge and breaker for every model of {@code provider}, over the engine's
     * (see {@link ModelPolicies} for the order); a later call for the same provider replaces it.
     */
    public Builder policies(String provider, ModelPolicies policies) {
      providerPolicies.put(
          Objects.requireNonNull(provider, "provider"),
          Objects.requireNonNull(policies, "policies"));
      return this;
    }

    /** Retry, timeouts, hedge and breaker for one model, over its provider's. */
    public Builder policies(ModelId model, ModelPolicies policies) {
      modelPolicies.put(
          Objects.requireNonNull(model, "model"), Objects.requireNonNull(policies, "policies"));
      return this;
    }

    /**
     * The models' context windows (default {@link ModelCatalog#defaults()}): a request whose
     * estimated input exceeds its model's window fails with {@link ProviderError.ContextTooLong}
     * before it is sent; {@link ModelCatalog#empty()} checks nothing.
     */
    public Builder catalog(ModelCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Where the engine's threads come from: every attempt, hedge timer and fan-out task, and the
     * thread that fires timeouts and deadlines. Default (or null): a new virtual thread each.
     *
     * <p>For tests on a fake clock: a factory that knows its threads can tell when the engine is
     * idle, so the clock moves only then and sleepers wake one at a time in time order ({@code
     * FakeClock} in chorus-testing is such a factory). With a factory set, the timeout thread waits
     * through {@link #sleeper(Sleeper)} instead of polling the clock, so timeouts fire in time
     * order with every other wake-up. Threads must be started by the engine, never by the factory;
     * they should be virtual (the engine blocks in them freely).
     *
     * {@snippet :
     * FakeClock clock = new FakeClock();
     * Engine engine = Engine.builder().provider(fake).time(clock).sleeper(clock).threads(clock).build();
     * }
     */
    public Builder threads(@Nullable ThreadFactory factory) {
      this.threads = factory;
      return this;
    }

    /**
     * Whether fan-outs cache the prompt prefix their calls share (default {@link
     * PrefixCaching#AUTO}): {@link #callAll} and the patterns mark it ({@link SharedPrefix#mark})
     * and one leader call per prefix goes first, the others following as soon as its response has
     * begun, so that they read the provider's cache instead of each writing it. {@link
     * PrefixCaching#OFF} sends every call as it is, at once.
     */
    public Builder prefixCaching(PrefixCaching caching) {
      this.prefixCaching = Objects.requireNonNull(caching, "caching");
      return this;
    }

    /** The configuration this builder holds; validates it. */
    public EngineConfig toConfig() {
      RandomGenerator r = random;
      Long s = seed;
      if (r == null) {
        s = System.nanoTime();
        r = new SplittableRandom(s);
      }
      Map<String, Provider> routed = new HashMap<>();
      providers.forEach(
          (name, p) -> {
            Provider routedP = Objects.requireNonNull(route.apply(p), "route returned null");
            if (!routedP.name().equals(name)) {
              throw new IllegalArgumentException(
                  "route: the provider '" + name + "' came back named '" + routedP.name() + "'");
            }
            routed.put(name, routedP);
          });
      return new EngineConfig(
          routed,
          time,
          sleeper,
          r,
          s,
          listeners,
          providerLimits,
          modelLimits,
          defaultLimits,
          retry,
          timeouts,
          circuitBreaker,
          hedge,
          fallbacks,
          prices,
          deadLetters,
          cache,
          shutdownGrace,
          budget,
          sharedLimiter,
          providerPolicies,
          modelPolicies,
          catalog,
          threads,
          prefixCaching);
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalArgumentException naming the field when the configuration is invalid
     */
    public Engine build() {
      return Engines.open(toConfig());
    }
  }
}
