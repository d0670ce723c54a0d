package io.chorus.testing;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.RateLimitInfo;
import io.chorus.core.Sleeper;
import io.chorus.core.StopReason;
import io.chorus.core.StreamObserver;
import io.chorus.core.TimeSource;
import io.chorus.core.TokenEstimate;
import io.chorus.core.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory {@link Provider} whose answers, failures and latencies are scripted, per call, per
 * request, or by a function. It measures what the engine did to it: calls, peak concurrency,
 * interrupts (cancellations it saw), the requests and contexts it received.
 *
 * <p>Latency passes through the injected {@link Sleeper} (a {@link FakeClock} for logic tests, real
 * sleep by default). Like a real provider it honours {@link CallContext#attemptTimeout()} and, when
 * streaming, {@link CallContext#firstTokenTimeout()}: a reply slower than the limit waits the limit
 * and fails with {@link ProviderError.Timeout}. When its thread is interrupted it counts the
 * interrupt and throws {@link InterruptedException}.
 *
 * <p>Thread-safe.
 *
 * {@snippet :
 * FakeProvider fake = FakeProvider.builder("fake")
 *     .script(Reply.error(new ProviderError.ServerError("boom", 500)), Reply.text("ok"))
 *     .build();
 * Engine engine = Engine.builder().provider(fake).time(clock).sleeper(clock).seed(1).build();
 * Outcome<ChatResponse> o = engine.call(ChatRequest.of("fake:m", "hi")); // retried once, then "ok"
 * }
 */
public final class FakeProvider implements Provider {

  /**
   * What the fake does for one call. Build with the static factories and {@code with...} methods.
   *
   * @param text the answer text (ignored when {@code error} is set)
   * @param error the failure to throw, or null
   * @param latency how long before answering, or null for the provider's default
   * @param usage the usage to report, or null to estimate it from the text
   * @param rateLimits rate-limit headers to report, or null
   * @param shouldRetry the {@code x-should-retry} value on errors, or null
   * @param hangs wait until interrupted instead of answering
   * @param gate a latch to wait for before answering, or null
   */
  public record Reply(
      String text,
      @Nullable ProviderError error,
      @Nullable Duration latency,
      @Nullable Usage usage,
      @Nullable RateLimitInfo rateLimits,
      @Nullable Boolean shouldRetry,
      boolean hangs,
      @Nullable CountDownLatch gate) {

    public static Reply text(String text) {
      return new Reply(
          Objects.requireNonNull(text, "text"), null, null, null, null, null, false, null);
    }

    public static Reply error(ProviderError error) {
      return new Reply(
          "", Objects.requireNonNull(error, "error"), null, null, null, null, false, null);
    }

    /** A 429 for requests, retry after {@code retryAfter} (null: the provider did not say). */
    public static Reply rateLimited(Duration retryAfter) {
      return error(
          new ProviderError.RateLimited(
              "rate limited", 429, ProviderError.Scope.REQUESTS, retryAfter));
    }

    public static Reply serverError() {
      return error(new ProviderError.ServerError("internal error", 500));
    }

    /** Never answers; waits until the call is cancelled (interrupted). */
    public static Reply hang() {
      return new Reply("", null, null, null, null, null, true, null);
    }

    public Reply withLatency(Duration d) {
      return new Reply(text, error, d, usage, rateLimits, shouldRetry, hangs, gate);
    }

    public Reply withUsage(Usage u) {
      return new Reply(text, error, latency, u, rateLimits, shouldRetry, hangs, gate);
    }

    public Reply withRateLimits(RateLimitInfo info) {
      return new Reply(text, error, latency, usage, info, shouldRetry, hangs, gate);
    }

    public Reply withShouldRetry(Boolean v) {
      return new Reply(text, error, latency, usage, rateLimits, v, hangs, gate);
    }

    /** Waits for {@code latch} before answering (interruptibly). */
    public Reply after(CountDownLatch latch) {
      return new Reply(text, error, latency, usage, rateLimits, shouldRetry, hangs, latch);
    }
  }

  /** Chooses the reply to a call. {@code call} counts every call to this provider, from 1. */
  @FunctionalInterface
  public interface Responder {
    Reply reply(ChatRequest request, int call);
  }

  private final String name;
  private final Responder responder;
  private final Function<ChatRequest, Duration> latency;
  private final Sleeper sleeper;
  private final TimeSource time;

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger interrupts = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<ChatRequest> requests = new ArrayList<>();
  private final List<CallContext> contexts = new ArrayList<>();
  private final List<Instant> startTimes = new ArrayList<>();

  private FakeProvider(Builder b) {
    this.name = b.name;
    this.responder = b.responder();
    this.latency = b.latency;
    this.sleeper = b.sleeper;
    this.time = b.time;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A fake that answers {@code "echo: <last user message>"} at once. */
  public static FakeProvider echo(String name) {
    return builder(name).build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChatResponse call(ChatRequest request, CallContext context) throws InterruptedException {
    return answer(request, context, null);
  }

  @Override
  public ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer)
      throws InterruptedException {
    return answer(request, context, observer == null ? StreamObserver.NONE : observer);
  }

  private ChatResponse answer(ChatRequest request, CallContext context, StreamObserver observer)
      throws InterruptedException {
    int n = calls.incrementAndGet();
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    lock.lock();
    try {
      requests.add(request);
      contexts.add(context);
      startTimes.add(time.now());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      Reply reply = responder.reply(request, n);
      if (reply.gate() != null) {
        reply.gate().await();
      }
      if (reply.hangs()) {
        new CountDownLatch(1).await();
      }
      Duration lat = reply.latency() != null ? reply.latency() : latency.apply(request);
      Duration limit = context.attemptTimeout();
      ProviderError.Phase phase = ProviderError.Phase.ATTEMPT;
      if (observer != null
          && context.firstTokenTimeout() != null
          && context.firstTokenTimeout().compareTo(limit) < 0) {
        limit = context.firstTokenTimeout();
        phase = ProviderError.Phase.FIRST_TOKEN;
      }
      if (lat.compareTo(limit) > 0) {
        sleeper.sleep(limit);
        throw new ProviderException(
            new ProviderError.Timeout("no answer within " + limit, 0, phase));
      }
      if (lat.isPositive()) {
        sleeper.sleep(lat);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (reply.error() != null) {
        throw new ProviderException(
            reply.error(), name + "-" + n, reply.rateLimits(), reply.shouldRetry(), null);
      }
      String text = reply.text() != null ? reply.text() : "";
      if (observer != null) {
        for (String piece : pieces(text)) {
          observer.onText(piece);
        }
      }
      Usage usage =
          reply.usage() != null
              ? reply.usage()
              : Usage.of(request.estimatedInputTokens(), TokenEstimate.of(text));
      completed.incrementAndGet();
      return new ChatResponse(
          text,
          StopReason.END_TURN,
          usage,
          request.model(),
          name + "-" + n,
          lat,
          observer != null ? lat : null,
          reply.rateLimits(),
          null,
          false);
    } catch (InterruptedException e) {
      interrupts.incrementAndGet();
      throw e;
    } finally {
      inFlight.decrementAndGet();
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int step = Math.max(1, text.length() / 3);
    for (int i = 0; i < text.length(); i += step) {
      out.add(text.substring(i, Math.min(text.length(), i + step)));
    }
    return out;
  }

  /** Calls received so far. */
  public int calls() {
    return calls.get();
  }

  /** Calls that returned an answer. */
  public int completed() {
    return completed.get();
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** The most calls that were ever in flight at once. */
  public int peakConcurrency() {
    return peak.get();
  }

  /** Calls that ended because their thread was interrupted (cancelled). */
  public int interrupts() {
    return interrupts.get();
  }

  /** Every request received, in arrival order. */
  public List<ChatRequest> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  /** Every call context received, in arrival order. */
  public List<CallContext> contexts() {
    lock.lock();
    try {
      return List.copyOf(contexts);
    } finally {
      lock.unlock();
    }
  }

  /** When each call arrived, on the provider's clock, in arrival order. */
  public List<Instant> startTimes() {
    lock.lock();
    try {
      return List.copyOf(startTimes);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until at least {@code n} calls are in flight at once; false on timeout. */
  public boolean awaitInFlight(int n, Duration timeout) throws InterruptedException {
    return awaitUntil(() -> inFlight.get() >= n, timeout);
  }

  /** Waits until at least {@code n} calls have arrived; false on timeout. */
  public boolean awaitCalls(int n, Duration timeout) throws InterruptedException {
    return awaitUntil(() -> calls.get() >= n, timeout);
  }

  private boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!condition.getAsBoolean()) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Builds a {@link FakeProvider}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private Responder responder;
    private final List<Rule> rules = new ArrayList<>();
    private List<Reply> script;
    private Function<ChatRequest, Duration> latency = r -> Duration.ZERO;
    private Sleeper sleeper = Sleeper.system();
    private TimeSource time = TimeSource.system();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    private record Rule(Predicate<ChatRequest> when, List<Reply> replies, AtomicInteger seen) {}

    /** Decides every reply with a function (rules and scripts are consulted first). */
    public Builder responder(Responder r) {
      this.responder = Objects.requireNonNull(r, "responder");
      return this;
    }

    /** Call n (over all requests) gets {@code replies[n-1]}; the last one repeats. */
    public Builder script(Reply... replies) {
      if (replies.length == 0) {
        throw new IllegalArgumentException("script needs at least one reply");
      }
      this.script = List.of(replies);
      return this;
    }

    /** The n-th call whose request matches gets {@code replies[n-1]}; the last one repeats. */
    public Builder on(Predicate<ChatRequest> when, Reply... replies) {
      if (replies.length == 0) {
        throw new IllegalArgumentException("on(..) needs at least one reply");
      }
      rules.add(new Rule(when, List.of(replies), new AtomicInteger()));
      return this;
    }

    /** Like {@link #on} for requests whose last user message equals {@code message}. */
    public Builder onMessage(String message, Reply... replies) {
      return on(r -> r.lastUserMessage().equals(message), replies);
    }

    /** The latency of replies that do not set their own. */
    public Builder latency(Duration d) {
      Objects.requireNonNull(d, "latency");
      this.latency = r -> d;
      return this;
    }

    public Builder latency(Function<ChatRequest, Duration> f) {
      this.latency = Objects.requireNonNull(f, "latency");
      return this;
    }

    /** Uniformly random latencies in [min, max], from a seeded generator. */
    public Builder randomLatency(Duration min, Duration max, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      ReentrantLock l = new ReentrantLock();
      long lo = min.toNanos();
      long span = max.toNanos() - lo + 1;
      this.latency =
          r -> {
            l.lock();
            try {
              return Duration.ofNanos(lo + random.nextLong(span));
            } finally {
              l.unlock();
            }
          };
      return this;
    }

    /** How latency passes: a {@link FakeClock}, or real sleep (the default). */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    /** The clock used to stamp {@link #startTimes()}. */
    public Builder time(TimeSource t) {
      this.time = Objects.requireNonNull(t, "time");
      return this;
    }

    /** Uses {@code clock} both to pass latency and to stamp calls. */
    public Builder clock(FakeClock clock) {
      return sleeper(clock).time(clock);
    }

    private Responder responder() {
      List<Rule> rs = List.copyOf(rules);
      List<Reply> sc = script;
      Responder fallback =
          responder != null ? responder : (r, n) -> Reply.text("echo: " + r.lastUserMessage());
      return (request, n) -> {
        for (Rule rule : rs) {
          if (rule.when().test(request)) {
            int k = rule.seen().getAndIncrement();
            return rule.replies().get(Math.min(k, rule.replies().size() - 1));
          }
        }
        if (sc != null) {
          return sc.get(Math.min(n - 1, sc.size() - 1));
        }
        return fallback.reply(request, n);
      };
    }

    public FakeProvider build() {
      return new FakeProvider(this);
    }
  }
}
