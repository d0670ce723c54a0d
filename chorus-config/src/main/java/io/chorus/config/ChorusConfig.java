package io.chorus.config;

import io.chorus.core.ModelId;
import io.chorus.providers.ProviderVariables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: {@code chorus.yaml} of the project merged over the user's file, with
 * environment overrides applied. Immutable.
 *
 * <pre>
 * providers:
 *   anthropic: {base_url: https://api.anthropic.com, api_key_env: ANTHROPIC_API_KEY, limits: {concurrency: 16}}
 * models:
 *   "anthropic:claude-sonnet-4-5": {limits: {rpm: 50, tpm: 40000}, price: {input: 3, output: 15}}
 * defaults: {model: sim:fast, failure_policy: ignore, retries: 2, timeouts: {attempt: 2m, idle: 60s}}
 * budget: {max_cost: 5.00}
 * store: postgresql://db.internal/chorus   # batches, workers and the response journal (default: .chorus/batch.db)
 * gateway: {keys: {team-a: {sha256: 9f86d0..., rpm: 600}}, workflows: {moderation: {vote: moderation.voters.yaml}}}
 * ca_file: /etc/ssl/company-proxy-ca.pem
 * otel: {endpoint: http://127.0.0.1:4318}   # OTLP/HTTP span export; off unless set
 * </pre>
 *
 * @param providers settings per provider name
 * @param models settings per {@code provider:model}
 * @param defaults defaults for every command
 * @param budget the most one command may spend
 * @param store where batches keep their journal: a {@code postgresql://HOST[:PORT]/DB} URL (the
 *     password from the environment or ~/.pgpass, never from here) or a SQLite file path; null for
 *     the default {@code .chorus/batch.db}
 * @param gateway {@code chorus serve}'s virtual keys, workflows and limits ({@link
 *     GatewaySettings})
 * @param caFile a PEM file of certificates every provider's TLS connections trust beside the JDK's
 *     authorities ({@code CHORUS_CA_FILE}, {@code --ca}), or null; a provider's own {@code ca_file}
 *     adds to it for that provider only. Relative paths were resolved against the file that wrote
 *     them.
 * @param otel where OpenTelemetry spans are exported over OTLP/HTTP ({@link OtelSettings}); {@link
 *     OtelSettings#NONE} for no export
 */
public record ChorusConfig(
    Map<String, ProviderSettings> providers,
    Map<String, ModelSettings> models,
    Defaults defaults,
    BudgetSettings budget,
    String store,
    GatewaySettings gateway,
    String caFile,
    OtelSettings otel) {

  /**
   * The environment variables that hold each well-known provider's key, as the official SDKs name
   * them.
   */
  public static final Map<String, String> STANDARD_KEY_VARIABLES =
      ProviderVariables.all().stream()
          .filter(ProviderVariables::keyRequired)
          .collect(
              java.util.stream.Collectors.toUnmodifiableMap(
                  ProviderVariables::provider, ProviderVariables::keyVariable));

  public static final ChorusConfig EMPTY =
      new ChorusConfig(Map.of(), Map.of(), null, null, null, null, null, null);

  /** A configuration without {@code otel}. */
  public ChorusConfig(
      Map<String, ProviderSettings> providers,
      Map<String, ModelSettings> models,
      Defaults defaults,
      BudgetSettings budget,
      String store,
      GatewaySettings gateway,
      String caFile) {
    this(providers, models, defaults, budget, store, gateway, caFile, null);
  }

  /** A configuration without {@code ca_file}. */
  public ChorusConfig(
      Map<String, ProviderSettings> providers,
      Map<String, ModelSettings> models,
      Defaults defaults,
      BudgetSettings budget,
      String store,
      GatewaySettings gateway) {
    this(providers, models, defaults, budget, store, gateway, null);
  }

  /** A configuration without {@code gateway} and {@code ca_file}. */
  public ChorusConfig(
      Map<String, ProviderSettings> providers,
      Map<String, ModelSettings> models,
      Defaults defaults,
      BudgetSettings budget,
      String store) {
    this(providers, models, defaults, budget, store, null, null);
  }

  /** A configuration without {@code store}, {@code gateway} and {@code ca_file}. */
  public ChorusConfig(
      Map<String, ProviderSettings> providers,
      Map<String, ModelSettings> models,
      Defaults defaults,
      BudgetSettings budget) {
    this(providers, models, defaults, budget, null, null, null);
  }

  public ChorusConfig {
    providers = providers == null ? Map.of() : new LinkedHashMap<>(providers);
    models = models == null ? Map.of() : new LinkedHashMap<>(models);
    for (String m : models.keySet()) {
      ModelId.parse(m);
    }
    providers = java.util.Collections.unmodifiableMap(providers);
    models = java.util.Collections.unmodifiableMap(models);
    if (defaults == null) {
      defaults = Defaults.NONE;
    }
    if (budget == null) {
      budget = new BudgetSettings(null);
    }
    if (gateway == null) {
      gateway = GatewaySettings.NONE;
    }
    if (otel == null) {
      otel = OtelSettings.NONE;
    }
    if (store != null && store.isBlank()) {
      store = null;
    }
    if (store != null && store.matches("(?i)postgres(ql)?://[^/?#@]*:[^/?#@]*@.*")) {
      throw new IllegalArgumentException(
          "store: a password does not belong in chorus.yaml; set CHORUS_STORE_PASSWORD"
              + " or PGPASSWORD, or add a ~/.pgpass line");
    }
  }

  /** This configuration with {@code budget} instead of its own. */
  public ChorusConfig withBudget(BudgetSettings b) {
    return new ChorusConfig(providers, models, defaults, b, store, gateway, caFile, otel);
  }

  /** This configuration with {@code file} as its {@code ca_file}. */
  public ChorusConfig withCaFile(String file) {
    return new ChorusConfig(providers, models, defaults, budget, store, gateway, file, otel);
  }

  /** This configuration with {@code d} as its defaults. */
  public ChorusConfig withDefaults(Defaults d) {
    return new ChorusConfig(providers, models, d, budget, store, gateway, caFile, otel);
  }

  /**
   * This configuration with {@code provider}'s base URL set to {@code url} (its other settings
   * kept).
   */
  public ChorusConfig withBaseUrl(String provider, String url) {
    Map<String, ProviderSettings> p = new LinkedHashMap<>(providers);
    ProviderSettings old = p.get(provider);
    p.put(provider, old == null ? ProviderSettings.baseUrl(url) : old.withBaseUrl(url));
    return new ChorusConfig(p, models, defaults, budget, store, gateway, caFile, otel);
  }

  /**
   * The variable that holds {@code provider}'s key: configured, else the SDK's usual name, else
   * null.
   */
  public String keyVariable(String provider) {
    ProviderSettings p = providers.get(provider);
    if (p != null && p.apiKeyEnv() != null) {
      return p.apiKeyEnv();
    }
    return STANDARD_KEY_VARIABLES.get(provider);
  }

  /** {@code provider}'s key from the config file or {@code env}; empty when none is set. */
  public Optional<String> apiKey(String provider, Map<String, String> env) {
    ProviderSettings p = providers.get(provider);
    if (p != null && p.apiKey() != null && !p.apiKey().isBlank()) {
      return Optional.of(p.apiKey());
    }
    String var = keyVariable(provider);
    String v = var == null ? null : env.get(var);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** The configured base URL of {@code provider}, if any. */
  public Optional<String> baseUrl(String provider) {
    ProviderSettings p = providers.get(provider);
    return Optional.ofNullable(p == null ? null : p.baseUrl());
  }
}
