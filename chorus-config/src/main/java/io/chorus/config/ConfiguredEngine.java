package io.chorus.config;

import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.Engine;
import io.chorus.core.EngineListener;
import io.chorus.core.FallbackChain;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.ModelCatalog;
import io.chorus.core.ModelId;
import io.chorus.core.ModelPolicies;
import io.chorus.core.PriceTable;
import io.chorus.core.RetryPolicy;
import io.chorus.core.Timeouts;
import io.chorus.providers.AnthropicProvider;
import io.chorus.providers.HttpTransport;
import io.chorus.providers.OpenAiCompatibleProvider;
import io.chorus.providers.ProviderRegistry;
import io.chorus.providers.ProviderVariables;
import io.chorus.providers.Secret;
import io.chorus.providers.WireFormat;
import io.chorus.sim.Simulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Engine} assembled from a {@link ChorusConfig} (loaded with {@link ConfigLoader}), with
 * the providers it needs: the one mapping from {@code chorus.yaml} to an engine that the {@code
 * chorus} command, any Java program and a server share.
 *
 * {@snippet :
 * LoadedConfig config = new ConfigLoader(System.getenv()).load(null, Path.of("."), null); // ./chorus.yaml
 * try (ConfiguredEngine session = ConfiguredEngine.open(config, List.of(ModelId.parse("sim:fast")), List.of(), b -> {})) {
 *   Outcome<ChatResponse> answer = session.engine().call(ChatRequest.of("sim:fast", "Say hello"));
 * }
 * }
 *
 * <h2>The simulator fallback</h2>
 *
 * Models {@code sim:NAME} always use the built-in simulator, started in process on 127.0.0.1 (or
 * the one at {@code CHORUS_SIM_URL}). A model of {@code anthropic}, {@code openai} or {@code xai}
 * whose provider has no key is re-pointed at the simulator under its own name, through the real
 * HTTP client, and {@link #notice()} says so; every answer is then marked synthetic.
 *
 * <h2>TLS trust</h2>
 *
 * Every provider's TLS connections trust the JDK's authorities plus the top-level {@code ca_file}
 * ({@code CHORUS_CA_FILE}, {@code chorus --ca}); a provider with a {@code ca_file} of its own gets
 * a transport of its own that also trusts that file, so one provider's private authority is not
 * trusted for the others' hosts.
 *
 * <p>Closing the session closes the engine, the providers, the transports and the simulator.
 */
public final class ConfiguredEngine implements AutoCloseable {

  /** The line printed when keys are missing and the simulator stands in. */
  public static final String NO_KEY_NOTICE =
      "No provider key configured (set ANTHROPIC_API_KEY, OPENAI_API_KEY or XAI_API_KEY); "
          + "using the built-in simulator \u2014 answers are synthetic.";

  private static final Set<String> KEYED = Set.of("anthropic", "openai", "xai");

  private final Engine engine;
  private final ProviderRegistry registry;
  private final List<HttpTransport> transports;
  private final Simulator simulator;
  private final String notice;
  private final boolean synthetic;

  private ConfiguredEngine(
      Engine engine,
      ProviderRegistry registry,
      List<HttpTransport> transports,
      Simulator simulator,
      String notice,
      boolean synthetic) {
    this.engine = engine;
    this.registry = registry;
    this.transports = transports;
    this.simulator = simulator;
    this.notice = notice;
    this.synthetic = synthetic;
  }

  /**
   * The line printed when some providers have keys and others answer from the simulator: names each
   * of the latter and its variable.
   */
  static String partialKeyNotice(java.util.Collection<String> missing) {
    List<String> vars =
        missing.stream().map(p -> p.toUpperCase(java.util.Locale.ROOT) + "_API_KEY").toList();
    return "No key for "
        + String.join(", ", missing)
        + " (set "
        + String.join(", ", vars)
        + "); "
        + (missing.size() == 1 ? "its" : "their")
        + " models use the built-in simulator \u2014 those answers are synthetic.";
  }

  /**
   * The model to use when a command names none: {@code defaults.model}, else the first provider
   * with a key (Anthropic, OpenAI, xAI), else {@code sim:fast}.
   */
  public static ModelId defaultModel(LoadedConfig loaded) {
    ChorusConfig c = loaded.config();
    if (c.defaults().model() != null) {
      return ModelId.parse(c.defaults().model());
    }
    if (c.apiKey("anthropic", loaded.env()).isPresent()) {
      return ModelId.parse("anthropic:claude-sonnet-4-5");
    }
    if (c.apiKey("openai", loaded.env()).isPresent()) {
      return ModelId.parse("openai:gpt-4o-mini");
    }
    if (c.apiKey("xai", loaded.env()).isPresent()) {
      return ModelId.parse("xai:grok-4");
    }
    return ModelId.parse("sim:fast");
  }

  /**
   * Two or more participants for a multi-model pattern when the user names none: the model of each
   * provider with a key (Anthropic {@code claude-sonnet-4-5}, OpenAI {@code gpt-4o-mini}, xAI
   * {@code grok-4}); with only one such provider, two of its models (a second opinion from a
   * different model is still a second opinion); with none, two simulated ones ({@code sim:fast},
   * {@code sim:instant}), whose answers are marked synthetic.
   */
  public static List<ModelId> defaultParticipants(LoadedConfig loaded) {
    ChorusConfig c = loaded.config();
    Map<String, List<String>> byProvider = new java.util.LinkedHashMap<>();
    byProvider.put(
        "anthropic", List.of("anthropic:claude-sonnet-4-5", "anthropic:claude-haiku-4-5"));
    byProvider.put("openai", List.of("openai:gpt-4o-mini", "openai:gpt-4o"));
    byProvider.put("xai", List.of("xai:grok-4", "xai:grok-3-mini"));
    List<List<String>> keyed =
        byProvider.entrySet().stream()
            .filter(e -> c.apiKey(e.getKey(), loaded.env()).isPresent())
            .map(Map.Entry::getValue)
            .toList();
    if (keyed.isEmpty()) {
      return List.of(ModelId.parse("sim:fast"), ModelId.parse("sim:instant"));
    }
    if (keyed.size() == 1) {
      return keyed.get(0).stream().map(ModelId::parse).toList();
    }
    return keyed.stream().map(l -> ModelId.parse(l.get(0))).toList();
  }

  /**
   * Builds the engine for {@code models}.
   *
   * @param listeners engine listeners (progress, trace, metrics, logging)
   * @param customize last changes to the builder (a response cache, a dead-letter sink)
   * @throws UnknownProviderException naming an unknown provider
   */
  public static ConfiguredEngine open(
      LoadedConfig loaded,
      List<ModelId> models,
      List<EngineListener> listeners,
      Consumer<Engine.Builder> customize) {
    return open(loaded, models, listeners, customize, null);
  }

  /**
   * Builds the engine for {@code models}; when the simulator stands in, it plays {@code scenario}
   * (scripted answers, latency, faults), or its defaults when null.
   */
  public static ConfiguredEngine open(
      LoadedConfig loaded,
      List<ModelId> requested,
      List<EngineListener> listeners,
      Consumer<Engine.Builder> customize,
      io.chorus.sim.SimConfig scenario) {
    ChorusConfig cfg = loaded.config();
    Map<String, String> env = registryEnvironment(loaded);
    // the fallback models need their providers (or the simulator) as much as the primaries
    List<ModelId> wanted = new ArrayList<>(requested);
    for (ModelId m : requested) {
      FallbackChain chain = fallbackFor(cfg, m);
      if (chain != null) {
        chain.models().stream().filter(f -> !wanted.contains(f)).forEach(wanted::add);
      }
    }
    List<ModelId> models = List.copyOf(wanted);
    List<HttpTransport> transports = new ArrayList<>();
    HttpTransport transport = transport(loaded, null, transports);
    Simulator sim = null;
    ProviderRegistry registry = null;
    try {
      ProviderRegistry probe =
          ProviderRegistry.builder().environment(env).transport(transport).build();
      Set<String> missing = new LinkedHashSet<>();
      boolean needSim = false;
      for (ModelId m : models) {
        String p = m.provider();
        if (p.equals("sim")) {
          needSim |= probe.find("sim").isEmpty();
        } else if (probe.find(p).isEmpty()) {
          if (!KEYED.contains(p)) {
            probe.close();
            throw new UnknownProviderException("model " + m + ": " + unknownProvider(probe, p));
          }
          missing.add(p);
        }
      }
      Set<String> keyed =
          new LinkedHashSet<>(KEYED.stream().filter(p -> probe.find(p).isPresent()).toList());
      boolean probeHadKeys = !keyed.isEmpty();
      probe.close();
      ProviderRegistry.Builder rb =
          ProviderRegistry.builder().environment(env).transport(transport);
      for (Map.Entry<String, ProviderSettings> e : cfg.providers().entrySet()) {
        if (e.getValue().caFile() != null) {
          rb.transport(e.getKey(), transport(loaded, e.getKey(), transports));
        }
      }
      if (needSim || !missing.isEmpty()) {
        Simulator.Builder sb = Simulator.builder();
        if (scenario != null) {
          sb.config(scenario);
        }
        sim = sb.port(0).start();
        if (needSim) {
          rb.simulator(sim.baseUrl(), WireFormat.OPENAI);
        }
        // every keyed provider without a key answers from the simulator, so that models a pattern
        // uses internally (a judge, an LLM merge) work too
        for (String p :
            missing.isEmpty() ? List.<String>of() : List.of("anthropic", "openai", "xai")) {
          if (!keyed.contains(p)) {
            rb.add(simulated(p, sim, transport));
          }
        }
      }
      registry = rb.build();
      ProviderRegistry reg = registry;
      boolean synthetic =
          models.stream()
              .allMatch(
                  m ->
                      reg.find(m.provider()).map(io.chorus.core.Provider::synthetic).orElse(false));
      String notice = null;
      if (!probeHadKeys && (!missing.isEmpty() || needSim)) {
        notice = NO_KEY_NOTICE;
      } else if (!missing.isEmpty()) {
        // some keys are there: name the providers that answer from the simulator, never "no key"
        notice = partialKeyNotice(missing);
      } else if (models.stream().anyMatch(m -> m.provider().equals("sim"))) {
        notice =
            "Using the built-in simulator for "
                + String.join(
                    ", ",
                    models.stream()
                        .filter(m -> m.provider().equals("sim"))
                        .map(ModelId::toString)
                        .distinct()
                        .toList())
                + " \u2014 answers are synthetic.";
      }
      Engine.Builder b = Engine.builder();
      for (String name : registry.configured()) {
        b.provider(registry.require(name));
      }
      configure(b, cfg);
      for (ModelId m : models) {
        FallbackChain chain = fallbackFor(cfg, m);
        if (chain != null) {
          b.fallback(m, chain);
        }
      }
      listeners.forEach(b::listener);
      customize.accept(b);
      return new ConfiguredEngine(b.build(), registry, transports, sim, notice, synthetic);
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      if (sim != null) {
        sim.close();
      }
      transports.forEach(HttpTransport::close);
      throw e;
    }
  }

  /**
   * A transport trusting the top-level {@code ca_file} and, for {@code provider}, its own; added to
   * {@code opened}.
   *
   * @throws ConfigException naming the setting when a file holds no readable certificate
   */
  private static HttpTransport transport(
      LoadedConfig loaded, String provider, List<HttpTransport> opened) {
    ChorusConfig cfg = loaded.config();
    HttpTransport.Builder b = transportDefaults(HttpTransport.builder(), cfg.defaults());
    String shared = cfg.caFile();
    String source = null;
    try {
      if (shared != null) {
        List<String> overrides = loaded.environmentOverrides();
        source =
            overrides.contains("--ca")
                ? "--ca"
                : overrides.contains("CHORUS_CA_FILE") ? "CHORUS_CA_FILE" : "ca_file";
        b.trustedCertificates(java.nio.file.Path.of(shared));
      }
      ProviderSettings own = provider == null ? null : cfg.providers().get(provider);
      if (own != null && own.caFile() != null) {
        source = "providers." + provider + ".ca_file";
        b.trustedCertificates(java.nio.file.Path.of(own.caFile()));
      }
    } catch (IllegalArgumentException e) {
      opened.forEach(HttpTransport::close);
      throw new ConfigException(source + ": " + e.getMessage());
    }
    HttpTransport t = b.build();
    opened.add(t);
    return t;
  }

  private static io.chorus.core.Provider simulated(
      String name, Simulator sim, HttpTransport transport) {
    return name.equals("anthropic")
        ? AnthropicProvider.builder()
            .name(name)
            .baseUrl(sim.baseUrl(name))
            .apiKey(Secret.of("chorus-sim-key"))
            .transport(transport)
            .synthetic(true)
            .build()
        : OpenAiCompatibleProvider.builder()
            .name(name)
            .baseUrl(sim.baseUrl(name) + "/v1")
            .apiKey(Secret.of("chorus-sim-key"))
            .transport(transport)
            .synthetic(true)
            .build();
  }

  /**
   * Why models of {@code provider} cannot run under this configuration (what {@link #open} would
   * throw as an {@link UnknownProviderException}), or empty when they can: a configured provider,
   * {@code sim}, or a keyed provider without a key (the simulator then stands in). Lets a caller
   * with many requests (a batch) reject the few that name an unknown provider and run the rest.
   */
  public static java.util.Optional<String> unusableProvider(LoadedConfig loaded, String provider) {
    if (provider.equals("sim") || KEYED.contains(provider)) {
      return java.util.Optional.empty();
    }
    HttpTransport transport = HttpTransport.create();
    ProviderRegistry probe =
        ProviderRegistry.builder()
            .environment(registryEnvironment(loaded))
            .transport(transport)
            .build();
    try {
      return probe.find(provider).isPresent()
          ? java.util.Optional.empty()
          : java.util.Optional.of(unknownProvider(probe, provider));
    } finally {
      probe.close();
      transport.close();
    }
  }

  private static String unknownProvider(ProviderRegistry probe, String p) {
    return probe.statuses().stream()
        .filter(s -> s.name().equals(p))
        .findFirst()
        .map(s -> "provider '" + p + "' is not configured: " + s.detail())
        .orElse(
            "unknown provider '"
                + p
                + "'; known providers: "
                + String.join(", ", ProviderRegistry.KNOWN));
  }

  /**
   * The environment the provider registry reads: the process's, plus keys and URLs from config
   * files.
   */
  public static Map<String, String> registryEnvironment(LoadedConfig loaded) {
    ChorusConfig cfg = loaded.config();
    Map<String, String> env = new HashMap<>(loaded.env());
    for (ProviderVariables vars : ProviderVariables.all()) {
      String name = vars.provider();
      cfg.apiKey(name, loaded.env()).ifPresent(k -> env.put(vars.keyVariable(), k));
      ProviderSettings p = cfg.providers().get(name);
      if (p != null && p.baseUrl() != null) {
        env.put(vars.urlVariable(), p.baseUrl());
      }
    }
    ProviderSettings sim = cfg.providers().get("sim");
    if (sim != null && sim.baseUrl() != null) {
      env.put("CHORUS_SIM_URL", sim.baseUrl()); // providers.sim.base_url: a running 'chorus sim'
    }
    return env;
  }

  /**
   * Applies {@code defaults}' connect timeout and response caps to an HTTP transport being built.
   */
  public static HttpTransport.Builder transportDefaults(HttpTransport.Builder t, Defaults d) {
    if (d.timeouts() != null && d.timeouts().connect() != null) {
      t.connectTimeout(DurationText.parse(d.timeouts().connect()));
    }
    if (d.responses() != null && d.responses().maxResponseBytes() != null) {
      t.maxResponseBytes(d.responses().maxResponseBytes());
    }
    if (d.responses() != null && d.responses().maxEventBytes() != null) {
      t.maxEventBytes(d.responses().maxEventBytes());
    }
    return t;
  }

  /**
   * {@code model}'s fallback chain: its own ({@code models.*.fallback}), else {@code
   * defaults.fallback} without the model itself; null for none.
   */
  public static FallbackChain fallbackFor(ChorusConfig cfg, ModelId model) {
    ModelSettings s = cfg.models().get(model.toString());
    if (s != null && s.fallbackChain() != null) {
      return s.fallbackChain();
    }
    List<String> d = cfg.defaults().fallback();
    if (d == null) {
      return null;
    }
    String[] others =
        d.stream().filter(m -> !ModelId.parse(m).equals(model)).toArray(String[]::new);
    return others.length == 0 ? null : FallbackChain.of(others);
  }

  /**
   * The policies of every call unless a provider or model sets its own: the engine's defaults with
   * {@code defaults} applied.
   */
  public static ModelPolicies defaultPolicies(ChorusConfig cfg) {
    Defaults d = cfg.defaults();
    RetryPolicy retry = RetryPolicy.DEFAULT;
    if (d.retries() != null) {
      retry = retry.toBuilder().maxRetries(d.retries()).build();
    }
    ModelPolicies base =
        new ModelPolicies(retry, Timeouts.DEFAULT, HedgePolicy.NONE, CircuitBreakerPolicy.DEFAULT);
    return PolicySettings.over(base, d.retry(), d.timeouts(), d.hedge(), d.circuitBreaker());
  }

  /** {@code provider}'s policies: {@code providers.NAME} over the defaults. */
  public static ModelPolicies providerPolicies(ChorusConfig cfg, String provider) {
    ModelPolicies base = defaultPolicies(cfg);
    ProviderSettings p = cfg.providers().get(provider);
    return p == null
        ? base
        : PolicySettings.over(base, p.retry(), p.timeouts(), p.hedge(), p.circuitBreaker());
  }

  /** {@code model}'s policies: {@code models."provider:model"} over its provider's. */
  public static ModelPolicies modelPolicies(ChorusConfig cfg, ModelId model) {
    ModelPolicies base = providerPolicies(cfg, model.provider());
    ModelSettings m = cfg.models().get(model.toString());
    return m == null
        ? base
        : PolicySettings.over(base, m.retry(), m.timeouts(), m.hedge(), m.circuitBreaker());
  }

  /** The built-in model catalog with {@code models.*.context_window} over it. */
  public static ModelCatalog catalog(ChorusConfig cfg) {
    ModelCatalog c = ModelCatalog.defaults();
    for (Map.Entry<String, ModelSettings> e : cfg.models().entrySet()) {
      if (e.getValue().contextWindow() != null) {
        c = c.with(ModelId.parse(e.getKey()), e.getValue().contextWindow());
      }
    }
    return c;
  }

  /** The price table: the defaults with the configured models' prices over them. */
  public static PriceTable prices(ChorusConfig cfg) {
    PriceTable prices = PriceTable.defaults();
    for (Map.Entry<String, ModelSettings> e : cfg.models().entrySet()) {
      if (e.getValue().price() != null) {
        prices = prices.with(ModelId.parse(e.getKey()).toString(), e.getValue().price().toPrice());
      }
    }
    return prices;
  }

  /**
   * Applies limits, prices, the budget, the context windows and every policy (retry, timeouts,
   * hedge, breaker; per provider and per model over {@code defaults}) from the configuration.
   * Fallback chains need the session's models: {@link #open} sets them ({@link #fallbackFor}).
   */
  public static void configure(Engine.Builder b, ChorusConfig cfg) {
    b.prices(prices(cfg));
    for (Map.Entry<String, ProviderSettings> e : cfg.providers().entrySet()) {
      if (e.getValue().limits() != null) {
        b.limits(e.getKey(), e.getValue().limits().toLimits());
      }
      b.policies(e.getKey(), providerPolicies(cfg, e.getKey()));
    }
    for (Map.Entry<String, ModelSettings> e : cfg.models().entrySet()) {
      ModelId id = ModelId.parse(e.getKey());
      if (e.getValue().limits() != null) {
        b.limits(id, e.getValue().limits().toLimits());
      }
      b.policies(id, modelPolicies(cfg, id));
    }
    b.budget(cfg.budget().toBudget());
    b.catalog(catalog(cfg));
    ModelPolicies d = defaultPolicies(cfg);
    b.retry(d.retry()).timeouts(d.timeouts()).hedge(d.hedge()).circuitBreaker(d.circuitBreaker());
    if (cfg.defaults().concurrency() != null) {
      b.defaultLimits(Limits.concurrency(cfg.defaults().concurrency()));
    }
    b.prefixCaching(
        Boolean.FALSE.equals(cfg.defaults().cachePrefix())
            ? io.chorus.core.PrefixCaching.OFF
            : io.chorus.core.PrefixCaching.AUTO);
  }

  public Engine engine() {
    return engine;
  }

  /** What to tell the user about the simulator standing in, or null. */
  public @Nullable String notice() {
    return notice;
  }

  /** Whether every model of this session answers synthetically. */
  public boolean synthetic() {
    return synthetic;
  }

  /** The in-process simulator, or null when none was started. */
  public @Nullable Simulator simulator() {
    return simulator;
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      registry.close();
      transports.forEach(HttpTransport::close);
      if (simulator != null) {
        simulator.close();
      }
    }
  }

  /** The names of the providers the engine has ({@code anthropic}, {@code sim}...). */
  public List<String> providerNames() {
    return new ArrayList<>(registry.configured());
  }

  /**
   * Whether {@code provider} answers synthetically (the simulator stands in for it); false when
   * unknown.
   */
  public boolean synthetic(String provider) {
    return registry.find(provider).map(io.chorus.core.Provider::synthetic).orElse(false);
  }
}
