package io.chorus.spring.boot;

import io.chorus.config.ConfigLoader;
import io.chorus.config.ConfiguredEngine;
import io.chorus.config.LoadedConfig;
import io.chorus.core.Engine;
import io.chorus.core.EngineListener;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.observe.MetricsListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Builds the application's {@link Engine} from its {@code chorus.*} properties, with the same keys
 * as {@code chorus.yaml} (relaxed binding: see {@link ChorusProperties}) and the same mapping
 * ({@link ConfigLoader#load(Map, String)}, then {@link ConfiguredEngine#open}): providers and their
 * keys (from the environment, as for the CLI; with none, the simulator stands in and says so),
 * limits, retries, breakers, fallbacks, hedging and the budget.
 *
 * {@snippet lang = yaml :
 * chorus:
 *   defaults: {model: openai:gpt-4o-mini}
 *   providers:
 *     openai:
 *       base-url: https://api.openai.com/v1
 *       limits: {rpm: 500, tpm: 200000, concurrency: 32}
 * }
 *
 * <p>Beans, each left alone when the application defines its own: {@link LoadedConfig} {@code
 * chorusConfig}, {@link ConfiguredEngine} {@code chorusConfiguredEngine}, {@link Engine} {@code
 * chorusEngine}; a {@link CompositeHealthContributor} {@code chorus} with one {@link
 * ProviderHealth} per provider (Actuator shows it at {@code /actuator/health/chorus}, each provider
 * at {@code /actuator/health/chorus/<provider>}; its details with {@code
 * management.endpoint.health.show-details: always}); the engine's Micrometer meters ({@link
 * MetricsListener}) on the application's {@link MeterRegistry} when it has one; every {@link
 * EngineListener} bean of the application is added to the engine.
 *
 * <p>Graceful shutdown: when the context closes, the engine stops admitting calls and gives those
 * in flight {@code spring.lifecycle.timeout-per-shutdown-phase} (default 30 s, as Spring's) to
 * finish ({@link Engine#shutdown(Duration)}), then is closed with its providers (and the simulator,
 * when one stood in).
 */
@AutoConfiguration
@ConditionalOnClass(Engine.class)
public class ChorusAutoConfiguration {

  /** The {@code chorus.*} properties, bound and validated. */
  @Bean
  @ConditionalOnMissingBean
  public LoadedConfig chorusConfig(ConfigurableEnvironment env) {
    return new ConfigLoader(System.getenv()).load(ChorusProperties.tree(env, "chorus"), "chorus");
  }

  /** The engine and its providers; closed by {@link #chorusEngineLifecycle}. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ConfiguredEngine chorusConfiguredEngine(
      LoadedConfig config,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<EngineListener> listeners,
      HealthListeners health) {
    List<EngineListener> all = new ArrayList<>();
    registry.ifAvailable(r -> all.add(new MetricsListener(r)));
    listeners.orderedStream().forEach(all::add);
    all.add(health);
    Set<ModelId> models = new LinkedHashSet<>();
    models.add(ConfiguredEngine.defaultModel(config));
    models.addAll(ConfiguredEngine.defaultParticipants(config));
    ConfiguredEngine engine = ConfiguredEngine.open(config, List.copyOf(models), all, b -> {});
    for (String p : engine.providerNames()) {
      Limits limits =
          engine
              .engine()
              .config()
              .providerLimits()
              .getOrDefault(p, engine.engine().config().defaultLimits());
      ProviderHealth h = new ProviderHealth(p, limits, engine.synthetic(p));
      models.forEach(h::track);
      health.add(p, h);
    }
    return engine;
  }

  /** The engine itself, the bean applications inject. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public Engine chorusEngine(ConfiguredEngine configured) {
    return configured.engine();
  }

  /** Where the per-provider health indicators listen. */
  @Bean
  public HealthListeners chorusHealthListeners() {
    return new HealthListeners();
  }

  /** {@code /actuator/health/chorus}: one component per provider. */
  @Bean(name = "chorus")
  @ConditionalOnClass(CompositeHealthContributor.class)
  public CompositeHealthContributor chorusHealth(
      HealthListeners health, ConfiguredEngine configured) {
    return CompositeHealthContributor.fromMap(health.byProvider());
  }

  /** Stops admitting calls when the context closes and lets the calls in flight finish. */
  @Bean
  public SmartLifecycle chorusEngineLifecycle(Engine engine, ConfigurableEnvironment env) {
    Duration grace =
        env.getProperty(
            "spring.lifecycle.timeout-per-shutdown-phase", Duration.class, Duration.ofSeconds(30));
    return new EngineLifecycle(engine, grace);
  }

  /** The per-provider health indicators, fed by the engine's events. */
  public static final class HealthListeners implements EngineListener {
    private final Map<String, ProviderHealth> byProvider = new LinkedHashMap<>();

    void add(String provider, ProviderHealth health) {
      byProvider.put(provider, health);
    }

    /** The indicators by provider name. */
    public Map<String, ProviderHealth> byProvider() {
      return Map.copyOf(byProvider);
    }

    @Override
    public void attemptStart(
        io.chorus.core.CallEvent call,
        int attempt,
        io.chorus.core.Attempt.Kind kind,
        ModelId model) {
      ProviderHealth h = byProvider.get(model.provider());
      if (h != null) {
        h.attemptStart(call, attempt, kind, model);
      }
    }

    @Override
    public void breakerTransition(
        ModelId model, io.chorus.core.BreakerState from, io.chorus.core.BreakerState to) {
      ProviderHealth h = byProvider.get(model.provider());
      if (h != null) {
        h.breakerTransition(model, from, to);
      }
    }

    @Override
    public void callEnd(io.chorus.core.CallEvent call, io.chorus.core.Outcome<?> outcome) {
      if (outcome instanceof io.chorus.core.Outcome.Success<?> s
          && s.value() instanceof io.chorus.core.ChatResponse r) {
        ProviderHealth h = byProvider.get(r.model().provider());
        if (h != null) {
          h.callEnd(call, outcome);
        }
      }
    }
  }
}
