package io.chorus.gateway;

import io.chorus.core.BreakerState;
import io.chorus.core.CallEvent;
import io.chorus.core.ChatResponse;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RateLimitInfo;
import io.chorus.gateway.internal.Progress;
import io.chorus.observe.MetricsListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's listener on its engine: the engine's metrics for {@code GET /metrics}
 * (chorus-observe's {@link MetricsListener} on a Prometheus registry, which the gateway's own
 * request metrics join), what {@code GET /health} reports (each model's breaker state, each
 * provider's last reported limits) and the progress comments of streamed workflows. Register it
 * when building the engine the gateway serves, and give the same instance to {@link
 * Gateway.Builder#listener}:
 *
 * {@snippet :
 * GatewayListener listener = new GatewayListener();
 * ConfiguredEngine session = ConfiguredEngine.open(config, models, List.of(listener), b -> {});
 * Gateway gateway = Gateway.builder().session(session, names).listener(listener).start();
 * }
 *
 * <p>Thread-safe; every method is fast and never throws, as {@link EngineListener} requires.
 */
public final class GatewayListener implements EngineListener {

  private final Map<ModelId, BreakerState> breakers = new ConcurrentHashMap<>();
  private final Map<String, RateLimitInfo> limits = new ConcurrentHashMap<>();
  private final PrometheusMeterRegistry registry;
  private final MetricsListener metrics;

  /** With a registry of its own. */
  public GatewayListener() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Recording into {@code registry}, which {@code GET /metrics} scrapes. */
  public GatewayListener(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.metrics = new MetricsListener(registry);
  }

  /** The registry {@code GET /metrics} serves. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void breakerTransition(ModelId model, BreakerState from, BreakerState to) {
    breakers.put(model, to);
    metrics.breakerTransition(model, from, to);
  }

  @Override
  public void retryScheduled(CallEvent call, int nextAttempt, Duration delay, String errorKind) {
    metrics.retryScheduled(call, nextAttempt, delay, errorKind);
  }

  @Override
  public void rateLimitWaitStart(CallEvent call, ModelId model, String bucket, Duration expected) {
    metrics.rateLimitWaitStart(call, model, bucket, expected);
  }

  @Override
  public void cacheHit(CallEvent call) {
    metrics.cacheHit(call);
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    metrics.callEnd(call, outcome);
    if (outcome instanceof Outcome.Success<?> s
        && s.value() instanceof ChatResponse r
        && r.rateLimits() != null
        && !r.rateLimits().isEmpty()) {
      limits.put(r.model().provider(), r.rateLimits());
    }
    if (call.request() != null) {
      Progress.report(
          call.request().model() + " " + (outcome.isSuccess() ? "ok" : outcome.errorKind()));
    }
  }

  /** Each model's breaker state, for models whose breaker ever moved (the others are closed). */
  public Map<String, BreakerState> breakers() {
    Map<String, BreakerState> out = new TreeMap<>();
    breakers.forEach((m, s) -> out.put(m.toString(), s));
    return out;
  }

  /** The limits each provider last reported in its response headers. */
  public Map<String, RateLimitInfo> limits() {
    return Map.copyOf(limits);
  }
}
