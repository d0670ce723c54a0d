package io.chorus.spring.boot;

import io.chorus.core.Attempt;
import io.chorus.core.BreakerState;
import io.chorus.core.CallEvent;
import io.chorus.core.ChatResponse;
import io.chorus.core.EngineListener;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RateLimitInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The Actuator health of one provider, kept by listening to the engine (it never calls the provider
 * itself).
 *
 * <p>Status: {@link Status#OUT_OF_SERVICE} while the circuit breaker of any of its models is open
 * (the detail {@code open} names them), else {@link Status#UP} (a half-open breaker, letting its
 * probes through, is UP). OUT_OF_SERVICE, not DOWN: an open breaker is Chorus taking the model out
 * of service on purpose until its {@code open_for} has passed (calls to it go to its fallback chain
 * or end as {@code breaker_open} at once, without a request), and it comes back by itself; DOWN is
 * left for the application's own failures. Both weigh on {@code /actuator/health}: with Spring
 * Boot's defaults either makes the whole application's status non-UP and its HTTP status 503. An
 * application whose fallbacks cover the provider can keep 200 with {@code
 * management.endpoint.health.status.http-mapping.out-of-service: 200}, or leave {@code chorus} out
 * of the health group its load balancer reads.
 *
 * <p>Details: {@code breakers}, each model's breaker state ({@code CLOSED}, {@code OPEN}, {@code
 * HALF_OPEN}) for the models configured as defaults and every model an attempt has been made on;
 * {@code limits}, the provider's configured limits ({@code max_concurrency}, {@code
 * requests_per_minute}, {@code tokens_per_minute}, 0 for none); {@code remaining}, the limits
 * remaining as its last successful response's headers said ({@code requests_remaining}, {@code
 * tokens_remaining}; absent before the first); {@code synthetic: true} when the simulator stands in
 * for it.
 *
 * <p>Thread-safe; its listener methods are fast, as {@link EngineListener} requires.
 */
public final class ProviderHealth implements EngineListener, HealthIndicator {
  private final String provider;
  private final Limits limits;
  private final boolean synthetic;
  private final Map<ModelId, BreakerState> breakers = new ConcurrentHashMap<>();
  private volatile @Nullable RateLimitInfo last;

  /**
   * @param provider the provider's name
   * @param limits its configured limits ({@link Limits#NONE} for none)
   * @param synthetic whether the simulator stands in for it
   */
  public ProviderHealth(String provider, Limits limits, boolean synthetic) {
    this.provider = provider;
    this.limits = limits;
    this.synthetic = synthetic;
  }

  /** Lists {@code model} (as CLOSED) before any event about it. */
  void track(ModelId model) {
    if (model.provider().equals(provider)) {
      breakers.putIfAbsent(model, BreakerState.CLOSED);
    }
  }

  @Override
  public void attemptStart(CallEvent call, int attempt, Attempt.Kind kind, ModelId model) {
    track(model);
  }

  @Override
  public void breakerTransition(ModelId model, BreakerState from, BreakerState to) {
    if (model.provider().equals(provider)) {
      breakers.put(model, to);
    }
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    if (outcome instanceof Outcome.Success<?> s
        && s.value() instanceof ChatResponse r
        && r.model().provider().equals(provider)
        && r.rateLimits() != null
        && !r.rateLimits().isEmpty()) {
      last = r.rateLimits();
    }
  }

  @Override
  public Health health() {
    Map<String, String> states = new TreeMap<>();
    breakers.forEach((m, s) -> states.put(m.toString(), s.name()));
    List<String> open = new ArrayList<>();
    states.forEach(
        (m, s) -> {
          if (s.equals(BreakerState.OPEN.name())) {
            open.add(m);
          }
        });
    Health.Builder h = open.isEmpty() ? Health.up() : Health.outOfService();
    h.withDetail("breakers", states);
    if (!open.isEmpty()) {
      h.withDetail("open", open);
    }
    Map<String, Object> configured = new LinkedHashMap<>();
    configured.put("max_concurrency", limits.maxConcurrency());
    configured.put("requests_per_minute", limits.requestsPerMinute());
    configured.put("tokens_per_minute", limits.tokensPerMinute());
    h.withDetail("limits", configured);
    RateLimitInfo r = last;
    if (r != null) {
      Map<String, Object> remaining = new LinkedHashMap<>();
      if (r.requestsRemaining() != null) {
        remaining.put("requests_remaining", r.requestsRemaining());
      }
      if (r.tokensRemaining() != null) {
        remaining.put("tokens_remaining", r.tokensRemaining());
      }
      h.withDetail("remaining", remaining);
    }
    if (synthetic) {
      h.withDetail("synthetic", true);
    }
    return h.build();
  }
}
