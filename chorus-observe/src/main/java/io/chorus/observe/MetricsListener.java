package io.chorus.observe;

import io.chorus.core.BreakerState;
import io.chorus.core.CallEvent;
import io.chorus.core.CallStatus;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Registers Chorus's metrics in a Micrometer registry from engine events. Meter names and tags:
 *
 * <ul>
 *   <li>{@code chorus.calls} counter, tags {@code model}, {@code outcome};
 *   <li>{@code chorus.call.latency} timer (p50, p90, p99 published), tags {@code model}, {@code
 *       outcome};
 *   <li>{@code chorus.tokens} counter, tags {@code model}, {@code type} (input, output,
 *       cache_write, cache_read);
 *   <li>{@code chorus.cost} counter in USD, tag {@code model};
 *   <li>{@code chorus.retries} counter, tags {@code model}, {@code error};
 *   <li>{@code chorus.rate_limit.waits} counter, tag {@code model};
 *   <li>{@code chorus.cache.hits} counter;
 *   <li>{@code chorus.breaker.state} gauge (0 closed, 1 half-open, 2 open), tag {@code model}.
 * </ul>
 *
 * Thread-safe.
 */
public final class MetricsListener implements EngineListener {

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> breaker = new ConcurrentHashMap<>();
  private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();

  public MetricsListener(MeterRegistry registry) {
    this.registry = registry;
  }

  private static String model(CallEvent call) {
    return call.request() == null ? "task" : call.request().model().toString();
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    if (call.request() == null) {
      return;
    }
    int o = CallStatus.of(outcome).ordinal(); // never NOT_RUN
    ModelMeters mm = models.computeIfAbsent(model(call), k -> new ModelMeters(registry, k));
    mm.outcome(o).calls().increment();
    mm.outcome(o).latency().record(outcome.timeline().elapsed());
    var u = outcome.timeline().usage();
    mm.input.increment(u.inputTokens());
    mm.output.increment(u.outputTokens());
    mm.cacheWrite.increment(u.cacheWriteTokens());
    mm.cacheRead.increment(u.cacheReadTokens());
    mm.cost.increment(outcome.timeline().costUsd());
  }

  /** The two meters of one model and outcome. */
  private record OutcomeMeters(Counter calls, Timer latency) {}

  /**
   * One model's call meters, registered once and kept: a registry look-up per call builds and sorts
   * a tag list for each of eight meters, which showed in the gateway's profile. Micrometer hands
   * out the same meter for the same name and tags, so keeping it changes nothing a reader of the
   * registry sees.
   */
  private static final class ModelMeters {
    private static final String[] OUTCOMES = {
      RunTrace.outcomeName(CallStatus.SUCCEEDED),
      RunTrace.outcomeName(CallStatus.FAILED),
      RunTrace.outcomeName(CallStatus.CANCELLED),
      RunTrace.outcomeName(CallStatus.TIMED_OUT)
    };

    private final MeterRegistry registry;
    private final String model;
    private final AtomicReferenceArray<OutcomeMeters> outcomes =
        new AtomicReferenceArray<>(OUTCOMES.length);
    final Counter input;
    final Counter output;
    final Counter cacheWrite;
    final Counter cacheRead;
    final Counter cost;

    /** An outcome's meters appear in the registry with the first call that ends that way. */
    OutcomeMeters outcome(int i) {
      OutcomeMeters om = outcomes.get(i);
      if (om == null) {
        om =
            new OutcomeMeters(
                registry.counter("chorus.calls", "model", model, "outcome", OUTCOMES[i]),
                Timer.builder("chorus.call.latency")
                    .tags("model", model, "outcome", OUTCOMES[i])
                    .publishPercentiles(0.5, 0.9, 0.99)
                    .register(registry));
        // a racing thread builds the same pair: the registry returns the meters it already has
        outcomes.compareAndSet(i, null, om);
      }
      return om;
    }

    ModelMeters(MeterRegistry registry, String m) {
      this.registry = registry;
      this.model = m;
      input = registry.counter("chorus.tokens", "model", m, "type", "input");
      output = registry.counter("chorus.tokens", "model", m, "type", "output");
      cacheWrite = registry.counter("chorus.tokens", "model", m, "type", "cache_write");
      cacheRead = registry.counter("chorus.tokens", "model", m, "type", "cache_read");
      cost = Counter.builder("chorus.cost").baseUnit("usd").tag("model", m).register(registry);
    }
  }

  @Override
  public void retryScheduled(CallEvent call, int nextAttempt, Duration delay, String errorKind) {
    registry
        .counter("chorus.retries", "model", model(call), "error", String.valueOf(errorKind))
        .increment();
  }

  @Override
  public void rateLimitWaitStart(CallEvent call, ModelId model, String bucket, Duration expected) {
    registry.counter("chorus.rate_limit.waits", "model", String.valueOf(model)).increment();
  }

  @Override
  public void cacheHit(CallEvent call) {
    registry.counter("chorus.cache.hits").increment();
  }

  @Override
  public void breakerTransition(ModelId model, BreakerState from, BreakerState to) {
    AtomicInteger g =
        breaker.computeIfAbsent(
            model.toString(),
            k -> {
              AtomicInteger v = new AtomicInteger();
              Gauge.builder("chorus.breaker.state", v, AtomicInteger::get)
                  .tag("model", k)
                  .register(registry);
              return v;
            });
    g.set(
        switch (to) {
          case OPEN -> 2;
          case HALF_OPEN -> 1;
          case CLOSED -> 0;
        });
  }

  /** The registry's meters as text lines ({@code --metrics}), sorted by name and tags. */
  public static String format(MeterRegistry registry) {
    List<String> lines = new ArrayList<>();
    List<Meter> meters = new ArrayList<>(registry.getMeters());
    meters.sort(
        Comparator.comparing((Meter m) -> m.getId().getName())
            .thenComparing(m -> m.getId().getTags().toString()));
    for (Meter m : meters) {
      StringBuilder sb = new StringBuilder(m.getId().getName());
      sb.append('{');
      sb.append(
          String.join(
              ",",
              m.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).toList()));
      sb.append("} ");
      switch (m) {
        case Timer t -> {
          HistogramSnapshot hs = t.takeSnapshot();
          sb.append(
              String.format(
                  Locale.ROOT,
                  "count=%d mean=%.1fms max=%.1fms",
                  t.count(),
                  t.mean(TimeUnit.MILLISECONDS),
                  t.max(TimeUnit.MILLISECONDS)));
          for (ValueAtPercentile p : hs.percentileValues()) {
            sb.append(
                String.format(
                    Locale.ROOT,
                    " p%d=%.1fms",
                    Math.round(p.percentile() * 100),
                    p.value(TimeUnit.MILLISECONDS)));
          }
        }
        case Counter c ->
            sb.append(
                c.count() == Math.rint(c.count()) && c.count() < 1e15
                    ? Long.toString((long) c.count())
                    : String.format(Locale.ROOT, "%.6f", c.count()));
        case Gauge g -> sb.append(String.format(Locale.ROOT, "%.0f", g.value()));
        default -> {
          m.measure()
              .forEach(
                  ms -> sb.append(ms.getStatistic()).append('=').append(ms.getValue()).append(' '));
        }
      }
      lines.add(sb.toString().strip());
    }
    return String.join(System.lineSeparator(), lines);
  }
}
