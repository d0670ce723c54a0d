package io.chorus.core.internal;

import io.chorus.core.Attempt;
import io.chorus.core.Attempt.Kind;
import io.chorus.core.CallContext;
import io.chorus.core.CallEvent;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.FallbackChain;
import io.chorus.core.HedgePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.ModelPolicies;
import io.chorus.core.Outcome;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.ResponseCache;
import io.chorus.core.RetryPolicy;
import io.chorus.core.StreamObserver;
import io.chorus.core.Timeline;
import io.chorus.core.Timeouts;
import io.chorus.core.Usage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One call through every policy, in the order documented on {@link io.chorus.core.Engine}: cache,
 * fallback chain (with cooldowns), per model the breaker, the bulkheads (priority), then attempts
 * each preceded by the rate-limit buckets, with retries, hedges and deadlines.
 *
 * <p>Runs on the call's thread (hedges add one virtual thread per extra attempt). Longer than most
 * classes because the policies interact (a retry re-checks the breaker and the buckets; a 429
 * pauses every call; a deadline clips attempts and backoff) and reading them in one place is what
 * makes those interactions checkable.
 */
final class CallExecution {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(CallExecution.class);
  private final RealEngine engine;
  private final Control control;
  private final String runId;
  private final String callId;
  private final int index;
  private final String label;
  private final ChatRequest request;
  private final CallOptions options;
  private final Timeouts timeouts;
  private final RetryPolicy retry;
  private HedgePolicy hedge; // null once this call leads a shared prefix (a leader streams)
  private final FallbackChain chain;
  private final int rounds;
  private final Instant queuedAt;
  private final long estimate;
  private final AtomicInteger numbers = new AtomicInteger();

  private final ReentrantLock lock = new ReentrantLock();
  private final List<Attempt> attempts = new ArrayList<>(2);
  private Usage usage = Usage.ZERO;
  private double cost;
  private long rateWaitNanos;
  private Instant admittedAt;
  // streaming: whether an attempt delivered text to the caller's observer, and why the last failed
  private volatile boolean delivered;
  private volatile String lastFailure;

  /** What trying one model of the chain gave. */
  private record ModelTry(
      ChatResponse response,
      Throwable error,
      boolean fallbackable,
      String reason,
      boolean coolDown) {
    static ModelTry ok(ChatResponse r) {
      return new ModelTry(r, null, false, null, false);
    }
  }

  CallExecution(
      RealEngine engine,
      Control control,
      String runId,
      int index,
      String label,
      ChatRequest request,
      CallOptions options,
      Timeouts timeouts,
      int rounds,
      Instant queuedAt) {
    this.engine = engine;
    this.control = control;
    this.runId = runId;
    this.callId = runId + "/" + index;
    this.index = index;
    this.label = label;
    this.request = request;
    this.options = options;
    this.timeouts = timeouts;
    ModelPolicies policies = engine.config().policiesFor(request.model());
    this.retry = options.retry().or(policies.retry());
    HedgePolicy h = options.hedge().or(policies.hedge());
    // two streams into one observer would interleave
    this.hedge = options.stream() || !h.enabled() ? null : h;
    this.chain =
        options
            .fallback()
            .or(engine.config().fallbacks().getOrDefault(request.model(), FallbackChain.NONE));
    this.rounds = rounds;
    this.queuedAt = queuedAt;
    this.estimate = request.estimatedInputTokens() + request.maxTokens();
  }

  private CallEvent event() {
    return new CallEvent(runId, callId, index, request, label, engine.time.now());
  }

  Outcome<ChatResponse> run() {
    Outcome<ChatResponse> o;
    try {
      o = execute();
    } catch (Stopped s) {
      o = s.stop().outcome(timeline());
    }
    if (o instanceof Outcome.Failure<ChatResponse> || o instanceof Outcome.TimedOut<ChatResponse>) {
      engine.deadLetter(runId, callId, request, o);
    }
    return o;
  }

  /** The request's cache identity when the cache is in use for this call, else null. */
  private String cacheIdentity;

  private Outcome<ChatResponse> execute() {
    checkStop();
    if (engine.admissionStopped()) {
      throw new Stopped(Stop.cancelled(engine.admissionStoppedReason()));
    }
    ResponseCache cache = engine.config().cache();
    if (cache != ResponseCache.NONE && options.useCache()) {
      String identity = request.identity();
      cacheIdentity = identity;
      Optional<ChatResponse> hit = cacheGet(cache, identity);
      if (hit.isPresent()) {
        engine.events.cacheHit(event());
        return new Outcome.Success<>(hit.get(), timeline());
      }
    }
    PrefixGate.Ticket ticket = enterPrefixGate();
    if (ticket != null && ticket.leader()) {
      leader = ticket;
      hedge = null; // the leader streams, to tell its followers when its response begins
    }
    ModelTry last = null;
    try {
      for (int round = 0; round <= rounds; round++) {
        ModelTry t = tryChain(round == 0 ? Kind.FIRST : Kind.RETRY);
        if (t.response() != null) {
          if (leader != null) {
            leader.begun(); // an answer without text: its response began all the same
          }
          return new Outcome.Success<>(t.response(), timeline()); // already in the cache
        }
        last = t;
        if (!t.fallbackable()) {
          break; // another round cannot fix an invalid request
        }
      }
    } finally {
      if (leader != null) {
        leader.done(); // in finally: a leader that fails or is stopped never strands its followers
      }
    }
    return new Outcome.Failure<>(last.error(), timeline());
  }

  /** This call's ticket when it leads its shared prefix, else null. */
  private PrefixGate.Ticket leader;

  /**
   * Waits while another call leads this request's shared prefix (its followers go once its response
   * has begun, reading the cache it wrote); returns the ticket, or null without a prefix or with
   * prefix caching off.
   */
  private PrefixGate.Ticket enterPrefixGate() {
    if (engine.prefixGate == null || request.sharedPrefix() == null) {
      return null;
    }
    try {
      return engine.prefixGate.enter(
          request,
          () -> {
            checkStop();
            checkDeadline();
            if (engine.admissionStopped()) {
              throw new Stopped(Stop.cancelled(engine.admissionStoppedReason()));
            }
          });
    } catch (InterruptedException e) {
      throw stoppedByInterrupt();
    }
  }

  /** A cache that throws is a miss: the call goes to the provider rather than failing. */
  private Optional<ChatResponse> cacheGet(ResponseCache cache, String identity) {
    try {
      Optional<ChatResponse> hit = cache.get(identity);
      return hit != null ? hit : Optional.empty();
    } catch (RuntimeException e) {
      log.warn(
          "response cache {} failed to read {}; calling the provider",
          cache.getClass().getName(),
          callId,
          e);
      return Optional.empty();
    }
  }

  /**
   * A cache that cannot store is logged: the response was paid for and is returned all the same.
   */
  private void cachePut(ResponseCache cache, String identity, ChatResponse response) {
    try {
      cache.put(identity, response);
    } catch (RuntimeException e) {
      log.warn(
          "response cache {} failed to store {}; the response is returned uncached",
          cache.getClass().getName(),
          callId,
          e);
    }
  }

  private ModelTry tryChain(Kind firstKind) {
    List<ModelId> models = new ArrayList<>(1 + chain.models().size());
    models.add(request.model());
    models.addAll(chain.models());
    ModelTry last = null;
    for (int i = 0; i < models.size(); i++) {
      ModelId m = models.get(i);
      boolean lastModel = i == models.size() - 1;
      if (!lastModel && models.size() > 1 && engine.coolingDown(m)) {
        engine.events.fallback(event(), m, models.get(i + 1), "cooldown");
        continue;
      }
      checkStop();
      checkDeadline();
      ModelTry t = tryModel(m, i == 0 ? firstKind : Kind.FALLBACK, lastModel);
      if (t.response() != null) {
        return t;
      }
      last = t;
      if (!t.fallbackable()) {
        return t;
      }
      if (t.coolDown() && models.size() > 1) {
        engine.coolDown(m, chain.cooldown());
      }
      if (!lastModel) {
        engine.events.fallback(event(), m, models.get(i + 1), t.reason());
      }
    }
    return last;
  }

  /**
   * Tries {@code model} with retries. An open breaker sends the call on to the next model of the
   * chain; on the chain's last model ({@code lastModel}) the call waits for the breaker instead
   * (see {@link #awaitBreaker}).
   */
  private ModelTry tryModel(ModelId model, Kind firstKind, boolean lastModel) {
    Provider provider = engine.provider(model.provider());
    if (provider == null) {
      ProviderException e =
          new ProviderException(
              new ProviderError.NotFound(
                  "no provider named '" + model.provider() + "' is registered", 0));
      return new ModelTry(null, e, true, "not_found", false);
    }
    ModelTry tooLong = overContextWindow(model);
    if (tooLong != null) {
      return tooLong;
    }
    CircuitBreaker breaker = engine.breaker(model);
    Limiter pl = engine.providerLimiter(model.provider());
    Limiter ml = engine.modelLimiter(model);
    acquirePermits(ml, pl);
    try {
      markAdmitted();
      ChatRequest req = model.equals(request.model()) ? request : request.withModel(model);
      Kind kind = firstKind;
      int retries = 0;
      long opensAtFirstWait = -1;
      while (true) {
        checkStop();
        checkDeadline();
        double worst = reserveBudget(model, req);
        long generation = breaker.generation();
        if (!breaker.tryAcquire()) {
          refundBudget(worst);
          if (opensAtFirstWait < 0) {
            opensAtFirstWait = breaker.opens();
          }
          if (!lastModel || !awaitBreaker(breaker, generation, opensAtFirstWait)) {
            return new ModelTry(null, breaker.openException(), true, "circuit_open", false);
          }
          continue;
        }
        try {
          awaitRateLimits(model, pl, ml);
        } catch (Stopped s) {
          breaker.record(CircuitBreaker.Verdict.IGNORED);
          refundBudget(worst);
          throw s;
        }
        int number = numbers.incrementAndGet();
        Kind k = kind;
        AttemptResult r; // settled (breaker, buckets) inside, on whichever thread ran it
        if (hedge == null) {
          AttemptGuard guard = new AttemptGuard(Thread.currentThread());
          r = settle(model, breaker, pl, ml, attempt(model, provider, req, k, number, guard));
        } else {
          r = race(model, provider, req, k, number, breaker, pl, ml);
        }
        if (r.stop() != null) {
          throw new Stopped(r.stop());
        }
        if (r.succeeded()) {
          if (cacheIdentity != null) {
            // still holding the call's permits: a response is stored (a batch journal makes it
            // durable) before its slot admits the next call, so a crash re-pays at most the calls
            // in flight, never answered responses queued behind a slow store
            cachePut(engine.config().cache(), cacheIdentity, r.response());
          }
          return ModelTry.ok(r.response());
        }
        if (r.error() == null) {
          throw stoppedByInterrupt();
        }
        ProviderException pe = r.error();
        ProviderError err = pe.error();
        Duration retryAfter = retryAfter(pe);
        boolean waitTooLong = retryAfter != null && retryAfter.compareTo(retry.maxRetryAfter()) > 0;
        if (err instanceof ProviderError.RateLimited && retryAfter != null) {
          // every call to this provider waits, not only this one; at most as long as a retry would
          pl.pauseFor(waitTooLong ? retry.maxRetryAfter() : retryAfter);
        }
        checkStop();
        checkDeadline(); // an attempt clipped by the deadline: the call timed out
        if (err instanceof ProviderError.QuotaExhausted) {
          return new ModelTry(null, pe, true, "quota_exhausted", true);
        }
        if (!pe.retryable()) {
          return new ModelTry(null, pe, fallbackable(err), err.kind(), false);
        }
        if (waitTooLong) {
          return new ModelTry(
              null, waitRefused(pe, retryAfter), true, "retry_after_too_long", true);
        }
        if (retries >= retry.maxRetries()) {
          return new ModelTry(null, pe, true, "retries_exhausted", true);
        }
        Duration delay = retryAfter != null ? retryAfter : engine.jitter(retry, retries + 1);
        if (control.deadlineNanos != Control.NO_DEADLINE
            && engine.time.nanoTime() + delay.toNanos() >= control.deadlineNanos) {
          return new ModelTry(null, pe, true, "deadline_before_retry", false);
        }
        if (!control.budget.tryAcquire()) {
          return new ModelTry(null, pe, true, "retry_budget_exhausted", false);
        }
        engine.events.retryScheduled(event(), numbers.get() + 1, delay, err.kind());
        sleep(delay);
        retries++;
        kind = Kind.RETRY;
      }
    } finally {
      releasePermits(ml, pl);
    }
  }

  /**
   * Waits for an open or half-open breaker to let a trial through, on the engine's clock: until the
   * open period ends, or until the half-open probe in flight answers. False when waiting cannot
   * help: the breaker half-opens only after the call's deadline, or its probes failed (it opened
   * again) more times since this call began waiting than the call has retries.
   */
  private boolean awaitBreaker(CircuitBreaker breaker, long generation, long opensAtFirstWait) {
    if (breaker.opens() - opensAtFirstWait > retry.maxRetries()) {
      return false;
    }
    long remaining = breaker.openRemainingNanos();
    if (control.deadlineNanos != Control.NO_DEADLINE
        && engine.time.nanoTime() + remaining >= control.deadlineNanos) {
      return false;
    }
    try {
      if (remaining > 0) {
        engine.sleeper.sleep(Duration.ofNanos(remaining));
      } else {
        breaker.awaitChange(generation, BREAKER_RECHECK_NANOS); // a probe is in flight
      }
    } catch (InterruptedException e) {
      throw stoppedByInterrupt();
    }
    return true;
  }

  /** How long a call waiting for a half-open probe's answer waits before it looks again. */
  private static final long BREAKER_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * The failure of a call whose provider asked for a longer wait than {@link
   * RetryPolicy#maxRetryAfter()}: the message says how long and until when.
   */
  private ProviderException waitRefused(ProviderException pe, Duration retryAfter) {
    ProviderError e = pe.error();
    String message =
        e.message()
            + "; the provider asked to wait "
            + human(retryAfter)
            + " (come back at "
            + engine.time.now().plus(retryAfter).truncatedTo(ChronoUnit.SECONDS)
            + "), longer than retry.maxRetryAfter ("
            + human(retry.maxRetryAfter())
            + "): not retried";
    ProviderError longer = e.withMessage(message);
    return new ProviderException(longer, pe.requestId(), pe.rateLimits(), pe.shouldRetry(), pe);
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s >= 1 && d.toMillisPart() == 0 ? s + " s" : d.toMillis() + " ms";
  }

  /**
   * A request estimated over {@code model}'s context window is refused before any permit, budget or
   * byte is spent: it would be rejected (and with some providers billed) anyway. Only the input
   * estimate is compared, as the estimate is rough and providers clamp the output; a fallback with
   * a larger window may still answer.
   */
  private ModelTry overContextWindow(ModelId model) {
    Long window = engine.config().catalog().contextWindow(model).orElse(null);
    if (window == null) {
      return null;
    }
    long input = request.estimatedInputTokens();
    if (input <= window) {
      return null;
    }
    ProviderException e =
        new ProviderException(
            new ProviderError.ContextTooLong(
                String.format(
                    java.util.Locale.ROOT,
                    "the request is about %,d input tokens (estimated), over %s's context window of %,d tokens; not sent",
                    input,
                    model,
                    window),
                0));
    return new ModelTry(null, e, true, "context_too_long", false);
  }

  private static boolean fallbackable(ProviderError e) {
    return !(e instanceof ProviderError.InvalidRequest
        || e instanceof ProviderError.ContentFiltered
        || e instanceof ProviderError.CallerError);
  }

  private static Duration retryAfter(ProviderException pe) {
    Duration d =
        switch (pe.error()) {
          case ProviderError.RateLimited r -> r.retryAfter();
          case ProviderError.Overloaded o -> o.retryAfter();
          default -> null;
        };
    return d != null ? d : pe.rateLimits().retryAfter();
  }

  /** Reconciles buckets, feeds the breaker and adapts limits after one attempt on {@code model}. */
  private AttemptResult settle(
      ModelId model, CircuitBreaker breaker, Limiter pl, Limiter ml, AttemptResult r) {
    long actual;
    if (r.succeeded()) {
      actual = r.response().usage().totalTokens();
    } else if (r.error() != null && !(r.error().error() instanceof ProviderError.RateLimited)) {
      actual = request.estimatedInputTokens(); // the prompt was probably read; nothing was written
    } else {
      actual = 0;
    }
    pl.reconcile(estimate, actual);
    if (ml != null) {
      ml.reconcile(estimate, actual);
    }
    pl.adapt(r.rateLimits());
    if (ml != null) {
      ml.adapt(r.rateLimits());
    }
    breaker.record(verdict(r), r.error() != null ? r.error().error() : null);
    if (r.succeeded()) {
      engine.latencies(model).record(r.latencyNanos());
    } else if (r.cancelled() && r.stop() == null && r.latencyNanos() > 0) {
      // A hedge race's loser was cut short: its latency is at least what it ran. Recording that
      // lower bound keeps the slow tail in the window; dropping it (as successes-only would) biases
      // the hedge quantile low, so more calls get hedged than the quantile promises.
      engine.latencies(model).record(r.latencyNanos());
    }
    return r;
  }

  private static CircuitBreaker.Verdict verdict(AttemptResult r) {
    if (r.succeeded()) {
      return CircuitBreaker.Verdict.SUCCESS;
    }
    if (r.error() == null) {
      return CircuitBreaker.Verdict.IGNORED;
    }
    return switch (r.error().error()) {
      case ProviderError.ServerError e -> CircuitBreaker.Verdict.FAILURE;
      case ProviderError.Overloaded e -> CircuitBreaker.Verdict.FAILURE;
      case ProviderError.ConnectionFailed e -> CircuitBreaker.Verdict.FAILURE;
      case ProviderError.MalformedResponse e -> CircuitBreaker.Verdict.FAILURE;
      case ProviderError.Timeout e ->
          e.phase() == ProviderError.Phase.CALL_DEADLINE
              ? CircuitBreaker.Verdict.IGNORED
              : CircuitBreaker.Verdict.FAILURE;
      default -> CircuitBreaker.Verdict.IGNORED;
    };
  }

  private AttemptResult race(
      ModelId model,
      Provider provider,
      ChatRequest req,
      Kind kind,
      int number,
      CircuitBreaker breaker,
      Limiter pl,
      Limiter ml) {
    HedgeRace race = new HedgeRace(engine::newThread);
    race.launch(
        g -> settle(model, breaker, pl, ml, attempt(model, provider, req, kind, number, g)),
        () -> {});
    ModelId target = hedge.target() != null ? hedge.target() : model;
    long q =
        hedge.quantile() > 0
            ? engine.latencies(model).quantile(hedge.quantile(), Math.max(1, hedge.minSamples()))
            : -1;
    Duration delay = q > 0 ? Duration.ofNanos(q) : hedge.delay();
    Thread timer =
        engine.newThread(
            () -> {
              try {
                for (int h = 0; h < hedge.maxHedges() && !race.isOver(); h++) {
                  engine.sleeper.sleep(delay);
                  if (race.isOver()) {
                    return;
                  }
                  launchHedge(race, target);
                }
              } catch (InterruptedException e) {
                // the race ended first
              }
            });
    timer.start();
    try {
      return race.await();
    } catch (InterruptedException e) {
      throw stoppedByInterrupt();
    } finally {
      timer.interrupt();
    }
  }

  /** Starts a hedge if its model's limits have room right now; hedges never queue. */
  private void launchHedge(HedgeRace race, ModelId target) {
    Provider tp = engine.provider(target.provider());
    if (tp == null || control.stopped() != null) {
      return;
    }
    Limiter tpl = engine.providerLimiter(target.provider());
    Limiter tml = engine.modelLimiter(target);
    if (!tryPermits(tml, tpl)) {
      return;
    }
    ChatRequest req = target.equals(request.model()) ? request : request.withModel(target);
    double worst = engine.ledger == null ? 0 : engine.worstCaseUsd(target, req);
    if (engine.ledger != null && !engine.ledger.tryReserve(worst)) {
      releasePermits(tml, tpl); // a hedge is never worth going over the budget
      return;
    }
    boolean reserved = tpl.tryReserve(estimate);
    if (reserved && tml != null && !tml.tryReserve(estimate)) {
      tpl.refund(estimate);
      reserved = false;
    }
    CircuitBreaker tb = engine.breaker(target);
    if (!reserved || !tb.tryAcquire()) {
      if (reserved) {
        tpl.refund(estimate);
        if (tml != null) {
          tml.refund(estimate);
        }
      }
      releasePermits(tml, tpl);
      refundBudget(worst);
      return;
    }
    int number = numbers.incrementAndGet();
    boolean started =
        race.launch(
            g -> {
              engine.events.hedgeLaunched(event(), number, target);
              return settle(target, tb, tpl, tml, attempt(target, tp, req, Kind.HEDGE, number, g));
            },
            () -> releasePermits(tml, tpl));
    if (!started) {
      refundBudget(worst);
      tb.record(CircuitBreaker.Verdict.IGNORED);
      tpl.refund(estimate);
      if (tml != null) {
        tml.refund(estimate);
      }
      releasePermits(tml, tpl);
    }
  }

  /** One attempt on the current thread; records it and emits its start and end. */
  private AttemptResult attempt(
      ModelId model,
      Provider provider,
      ChatRequest req,
      Kind kind,
      int number,
      AttemptGuard guard) {
    long t0 = engine.time.nanoTime();
    long budget = timeouts.attempt().toNanos();
    if (control.deadlineNanos != Control.NO_DEADLINE) {
      budget = Math.min(budget, control.deadlineNanos - t0);
    }
    if (budget <= 0) {
      refundBudget(engine.ledger == null ? 0 : engine.worstCaseUsd(model, req));
      return AttemptResult.stopped(control.deadlineStop);
    }
    Duration attemptTimeout = Duration.ofNanos(budget);
    // the alarm below interrupts this thread at the attempt timeout: the provider needs no timer
    CallContext ctx =
        new CallContext(
            callId, number, attemptTimeout, timeouts.firstToken(), timeouts.idle(), true);
    engine.events.attemptStart(event(), number, kind, model);
    Instant startedAt = engine.time.now();
    Alarms.Alarm alarm = engine.alarms.schedule(t0 + budget, guard::expire);
    FirstTokenObserver observer =
        options.stream() || leader != null ? new FirstTokenObserver(number) : null;
    ChatResponse response = null;
    ProviderException error = null;
    boolean interrupted = false;
    try {
      if (observer != null && delivered) {
        delivered = false;
        observer.restart(
            kind == Kind.FALLBACK
                ? "fallback to " + model + " after " + lastFailure
                : "retry " + number + " after " + lastFailure);
      }
      response = observer != null ? provider.stream(req, ctx, observer) : provider.call(req, ctx);
      if (response == null) {
        error =
            new ProviderException(
                new ProviderError.MalformedResponse("provider returned no response", 0));
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (ProviderException e) {
      error = e;
    } catch (RuntimeException e) {
      error =
          new ProviderException(
              new ProviderError.MalformedResponse(e.toString(), 0), null, null, null, e);
    } finally {
      alarm.cancel();
      guard.close();
    }
    if (observer != null && observer.callerError != null) {
      // the caller's observer threw: whatever the provider made of it, the call fails as the
      // caller's
      RuntimeException e = observer.callerError;
      response = null;
      interrupted = false;
      error =
          new ProviderException(
              new ProviderError.CallerError("the stream observer threw " + e, 0),
              null,
              null,
              null,
              e);
    }
    long t1 = engine.time.nanoTime();
    Instant endedAt = engine.time.now();
    Instant firstTokenAt =
        observer != null && observer.seen ? startedAt.plusNanos(observer.at - t0) : null;
    Stop stop = control.stopped();
    AttemptResult result;
    Attempt.Result how;
    String errorKind = null;
    if (response != null && error == null) {
      Duration ttft =
          firstTokenAt != null ? Duration.ofNanos(observer.at - t0) : response.timeToFirstToken();
      response = response.withTiming(Duration.ofNanos(t1 - t0), ttft);
      result = AttemptResult.success(response, t1 - t0);
      how = Attempt.Result.SUCCEEDED;
    } else if (guard.cancelled()) {
      result = AttemptResult.lost(t1 - t0);
      how = Attempt.Result.CANCELLED;
      errorKind = "cancelled";
    } else if (stop != null) {
      result = AttemptResult.stopped(stop);
      how = stop.timedOut() ? Attempt.Result.TIMED_OUT : Attempt.Result.CANCELLED;
      errorKind = stop.timedOut() ? "timed_out" : "cancelled";
    } else if (guard.expired()) {
      error =
          new ProviderException(
              new ProviderError.Timeout(
                  "attempt took longer than " + attemptTimeout, 0, ProviderError.Phase.ATTEMPT));
      result = AttemptResult.failure(error, t1 - t0);
      how = Attempt.Result.TIMED_OUT;
      errorKind = error.error().kind();
    } else if (interrupted) {
      Thread.currentThread().interrupt(); // not ours: keep it for the caller
      Stop s = Stop.cancelled("interrupted");
      result = AttemptResult.stopped(s);
      how = Attempt.Result.CANCELLED;
      errorKind = "cancelled";
    } else {
      result = AttemptResult.failure(error, t1 - t0);
      how =
          error.error() instanceof ProviderError.Timeout
              ? Attempt.Result.TIMED_OUT
              : Attempt.Result.FAILED;
      errorKind = error.error().kind();
    }
    Usage used = response != null && error == null ? response.usage() : null;
    if (engine.ledger != null) {
      settleBudget(model, req, used, error, how);
    }
    if (error != null) {
      lastFailure = Outcome.errorLine(error.error().kind(), error.error().message());
    }
    Attempt a =
        new Attempt(
            number,
            model,
            kind,
            startedAt,
            firstTokenAt,
            endedAt,
            how,
            errorKind,
            used,
            provider.synthetic() || (response != null && response.synthetic()));
    lock.lock();
    try {
      attempts.add(a);
      if (used != null) {
        usage = usage.plus(used);
        cost += engine.cost(model, used);
      }
    } finally {
      lock.unlock();
    }
    engine.events.attemptEnd(event(), a);
    return result;
  }

  /**
   * Reserves the worst case of one attempt on {@code model}; returns it (0 without a budget).
   *
   * @throws Stopped with {@link io.chorus.core.Budget#NOT_RUN} when the budget has no room left
   */
  private double reserveBudget(ModelId model, ChatRequest req) {
    BudgetLedger ledger = engine.ledger;
    if (ledger == null) {
      return 0;
    }
    double worst = engine.worstCaseUsd(model, req);
    String refusal;
    try {
      refusal = ledger.reserve(worst);
    } catch (InterruptedException e) {
      throw stoppedByInterrupt();
    }
    if (refusal != null) {
      throw new Stopped(Stop.cancelled(refusal));
    }
    return worst;
  }

  private void refundBudget(double worst) {
    if (engine.ledger != null) {
      engine.ledger.settle(worst, 0);
    }
  }

  /**
   * Replaces this attempt's reservation by what it cost, erring high where the provider did not
   * say: reported usage for a success (the worst case when none was reported), the prompt for a
   * failure the provider read (nothing for a 429), the worst case for an attempt cut short.
   */
  private void settleBudget(
      ModelId model, ChatRequest req, Usage used, ProviderException error, Attempt.Result how) {
    double worst = engine.worstCaseUsd(model, req);
    double charged;
    if (used != null) {
      if (used.totalTokens() == 0) {
        engine.ledger.unreportedUsage();
        charged = worst;
      } else {
        charged = engine.cost(model, used);
      }
    } else if (how == Attempt.Result.FAILED && error != null) {
      charged =
          error.error() instanceof ProviderError.RateLimited
              ? 0
              : engine.cost(model, Usage.of(req.estimatedInputTokens(), 0));
    } else {
      charged = worst; // cancelled or timed out mid-answer: what was billed is unknown
    }
    engine.ledger.settle(worst, charged);
  }

  /**
   * Marks the first token of a streamed attempt and forwards deltas to the caller's observer. What
   * the caller's observer throws is kept and ends the provider's stream ({@link ObserverFailed}):
   * the attempt then fails as the caller's error, not the provider's.
   */
  private final class FirstTokenObserver implements StreamObserver {
    private final int number;
    volatile boolean seen;
    volatile long at;
    volatile RuntimeException callerError;

    FirstTokenObserver(int number) {
      this.number = number;
    }

    @Override
    public void onText(String delta) {
      if (!seen) {
        if (leader != null) {
          leader.begun(); // the cache entry is readable now: release the followers
        }
        seen = true;
        at = engine.time.nanoTime();
        engine.events.firstToken(event(), number);
      }
      StreamObserver o = options.observer();
      if (o != null) {
        delivered = true;
        deliver(() -> o.onText(delta));
      }
    }

    @Override
    public void onReasoning(String delta) {
      StreamObserver o = options.observer();
      if (o != null) {
        delivered = true;
        deliver(() -> o.onReasoning(delta));
      }
    }

    void restart(String reason) {
      StreamObserver o = options.observer();
      if (o != null) {
        deliver(() -> o.onRestart(reason));
      }
    }

    private void deliver(Runnable toCaller) {
      if (callerError != null) {
        throw new ObserverFailed(); // a provider that swallowed the first one keeps reading: stop
        // it
      }
      try {
        toCaller.run();
      } catch (RuntimeException e) {
        callerError = e;
        throw new ObserverFailed();
      }
    }
  }

  /** Unwinds a provider's stream after the caller's observer threw; carries nothing. */
  private static final class ObserverFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ObserverFailed() {
      super("the caller's stream observer threw", null, false, false);
    }
  }

  private void awaitRateLimits(ModelId model, Limiter pl, Limiter ml) {
    long wait = pl.reserve(estimate);
    String bucket = pl.name;
    if (ml != null) {
      long w = ml.reserve(estimate);
      if (w > wait) {
        wait = w;
        bucket = ml.name;
      }
    }
    if (wait <= 0) {
      return;
    }
    engine.events.rateLimitWaitStart(event(), model, bucket, Duration.ofNanos(wait));
    long start = engine.time.nanoTime();
    try {
      engine.sleeper.sleep(Duration.ofNanos(wait));
      long more; // a 429 elsewhere may have paused the provider meanwhile
      while ((more = Math.max(pl.pauseRemaining(), ml == null ? 0 : ml.pauseRemaining())) > 0) {
        engine.sleeper.sleep(Duration.ofNanos(more));
      }
    } catch (InterruptedException e) {
      pl.refund(estimate);
      if (ml != null) {
        ml.refund(estimate);
      }
      throw stoppedByInterrupt();
    } finally {
      long waited = engine.time.nanoTime() - start;
      lock.lock();
      try {
        rateWaitNanos += waited;
      } finally {
        lock.unlock();
      }
      engine.events.rateLimitWaitEnd(event(), model, Duration.ofNanos(waited));
    }
  }

  private void acquirePermits(Limiter ml, Limiter pl) {
    int priority = options.priority();
    try {
      if (ml != null && ml.bulkhead != null) {
        ml.bulkhead.acquire(priority);
      }
      try {
        if (pl.bulkhead != null) {
          pl.bulkhead.acquire(priority);
        }
      } catch (InterruptedException e) {
        if (ml != null && ml.bulkhead != null) {
          ml.bulkhead.release();
        }
        throw e;
      }
    } catch (InterruptedException e) {
      throw stoppedByInterrupt();
    }
  }

  private static boolean tryPermits(Limiter ml, Limiter pl) {
    if (ml != null && ml.bulkhead != null && !ml.bulkhead.tryAcquire()) {
      return false;
    }
    if (pl.bulkhead != null && !pl.bulkhead.tryAcquire()) {
      if (ml != null && ml.bulkhead != null) {
        ml.bulkhead.release();
      }
      return false;
    }
    return true;
  }

  private static void releasePermits(Limiter ml, Limiter pl) {
    if (pl.bulkhead != null) {
      pl.bulkhead.release();
    }
    if (ml != null && ml.bulkhead != null) {
      ml.bulkhead.release();
    }
  }

  private void markAdmitted() {
    if (admittedAt != null) {
      return;
    }
    if (engine.admissionStopped()) {
      throw new Stopped(
          Stop.cancelled(engine.admissionStoppedReason() + " (the call was not admitted)"));
    }
    control.admitted = true;
    admittedAt = engine.time.now();
    engine.events.callAdmitted(event());
  }

  private void sleep(Duration d) {
    try {
      engine.sleeper.sleep(d);
    } catch (InterruptedException e) {
      throw stoppedByInterrupt();
    }
  }

  private void checkStop() {
    Stop s = control.stopped();
    if (s != null) {
      throw new Stopped(s);
    }
  }

  private void checkDeadline() {
    if (control.deadlineNanos != Control.NO_DEADLINE
        && engine.time.nanoTime() >= control.deadlineNanos) {
      throw new Stopped(control.deadlineStop);
    }
  }

  private Stopped stoppedByInterrupt() {
    Stop s = control.stopped();
    if (s == null) {
      Thread.currentThread().interrupt(); // someone else's interrupt: keep it for the caller
      s = Stop.cancelled("interrupted");
    }
    return new Stopped(s);
  }

  Timeline timeline() {
    lock.lock();
    try {
      List<Attempt> sorted = new ArrayList<>(attempts);
      sorted.sort(Comparator.comparingInt(Attempt::number));
      return new Timeline(
          callId,
          index,
          queuedAt,
          admittedAt,
          engine.time.now(),
          sorted,
          Duration.ofNanos(rateWaitNanos),
          usage,
          cost);
    } finally {
      lock.unlock();
    }
  }
}
