package io.chorus.spring.boot;

import io.chorus.core.BreakerState;
import io.chorus.core.CallEvent;
import io.chorus.core.ChatResponse;
import io.chorus.core.EngineListener;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RateLimitInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The Actuator health of one provider, kept by listening to the engine: DOWN while the circuit
 * breaker of any of its models is open (details name them), else UP; the details give each model's
 * breaker state, the provider's configured limits and the limits remaining as its last response's
 * headers said ({@code requests_remaining}, {@code tokens_remaining}).
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
    boolean open = breakers.containsValue(BreakerState.OPEN);
    Health.Builder h = open ? Health.down() : Health.up();
    h.withDetail("breakers", states);
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
