package io.chorus.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.chorus.common.internal.Json;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.FallbackChain;
import io.chorus.core.ModelCatalog;
import io.chorus.core.ModelId;
import io.chorus.core.ModelPolicies;
import io.chorus.core.RetryPolicy;
import io.chorus.core.Timeouts;
import io.chorus.providers.BaseUrl;
import io.chorus.providers.HttpTransport;
import java.util.Map;
import java.util.TreeSet;

/**
 * The effective configuration as a document for {@code chorus config show}: every file read, every
 * environment override, and each provider's key status. Keys are always shown as {@code
 * <redacted>}; only whether one is set and where it comes from is printed.
 */
public final class ConfigView {

  public static final String REDACTED = "<redacted>";

  /** Writes {@code config show --yaml}; made once (a mapper is costly to create), thread-safe. */
  private static final ObjectMapper YAML_WRITER =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private ConfigView() {}

  public static ObjectNode toTree(LoadedConfig loaded) {
    ObjectMapper m = Json.SNAKE_CASE;
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    var files = root.putArray("files");
    loaded.files().forEach(f -> files.add(f.toString()));
    var env = root.putArray("environment_overrides");
    loaded.environmentOverrides().forEach(env::add);
    JsonNode cfg = m.valueToTree(loaded.config());
    if (cfg.get("providers") instanceof ObjectNode providers) {
      for (Map.Entry<String, JsonNode> e : providers.properties()) {
        if (e.getValue() instanceof ObjectNode p && p.has("api_key")) {
          p.put("api_key", REDACTED);
        }
        if (e.getValue() instanceof ObjectNode p && p.hasNonNull("base_url")) {
          p.put("base_url", BaseUrl.redact(p.get("base_url").asText()));
        }
      }
    }
    breakerOff(cfg.get("defaults"));
    for (String section : new String[] {"providers", "models"}) {
      if (cfg.get(section) instanceof ObjectNode o) {
        o.forEach(ConfigView::breakerOff);
      }
    }
    root.setAll((ObjectNode) cfg);
    root.set("effective_defaults", effectiveDefaults(loaded.config()));
    ObjectNode keys = root.putObject("keys");
    TreeSet<String> names = new TreeSet<>(ChorusConfig.STANDARD_KEY_VARIABLES.keySet());
    names.addAll(loaded.config().providers().keySet());
    for (String name : names) {
      ChorusConfig c = loaded.config();
      ProviderSettings p = c.providers().get(name);
      String var = c.keyVariable(name);
      String status;
      if (p != null && p.apiKey() != null && !p.apiKey().isBlank()) {
        status = "set in a config file (" + REDACTED + ")";
      } else if (var == null) {
        status = "none needed";
      } else if (c.apiKey(name, loaded.env()).isPresent()) {
        status = "set from $" + var + " (" + REDACTED + ")";
      } else {
        status = "not set ($" + var + ")";
      }
      keys.put(name, status);
    }
    return root;
  }

  /**
   * The policies every call gets unless a provider or model sets its own, with the configuration
   * applied: timeouts (the idle timeout holds for streams and non-streaming reads alike; connect is
   * the HTTP client's), retry (with the cap on a provider's retry-after), breaker, hedge, fallback
   * and the response size caps; then, under {@code providers} and {@code models}, what each
   * configured one resolves to.
   */
  private static ObjectNode effectiveDefaults(ChorusConfig config) {
    ObjectNode d = policies(ConfiguredEngine.defaultPolicies(config));
    ObjectNode timeouts = (ObjectNode) d.get("timeouts");
    TimeoutSettings ts = config.defaults().timeouts();
    timeouts.put(
        "connect",
        ts != null && ts.connect() != null
            ? DurationText.format(DurationText.parse(ts.connect()))
            : DurationText.format(HttpTransport.DEFAULT_CONNECT_TIMEOUT));
    var fallback = d.putArray("fallback");
    if (config.defaults().fallback() != null) {
      config.defaults().fallback().forEach(fallback::add);
    }
    ObjectNode responses = d.putObject("responses");
    ResponseSettings r = config.defaults().responses();
    responses.put(
        "max_response_bytes",
        r != null && r.maxResponseBytes() != null
            ? r.maxResponseBytes()
            : HttpTransport.DEFAULT_MAX_RESPONSE_BYTES);
    responses.put(
        "max_event_bytes",
        r != null && r.maxEventBytes() != null
            ? r.maxEventBytes()
            : HttpTransport.DEFAULT_MAX_EVENT_BYTES);
    if (!config.providers().isEmpty()) {
      ObjectNode providers = d.putObject("providers");
      config
          .providers()
          .keySet()
          .forEach(p -> providers.set(p, policies(ConfiguredEngine.providerPolicies(config, p))));
    }
    if (!config.models().isEmpty()) {
      ObjectNode models = d.putObject("models");
      ModelCatalog catalog = ConfiguredEngine.catalog(config);
      for (String m : config.models().keySet()) {
        ModelId id = ModelId.parse(m);
        ObjectNode node = policies(ConfiguredEngine.modelPolicies(config, id));
        FallbackChain chain = ConfiguredEngine.fallbackFor(config, id);
        var f = node.putArray("fallback");
        if (chain != null) {
          chain.models().forEach(x -> f.add(x.toString()));
        }
        node.put(
            "context_window",
            catalog.contextWindow(id).map(String::valueOf).orElse("unknown (not checked)"));
        models.set(m, node);
      }
    }
    return d;
  }

  /** {@code circuit_breaker: off} shown as written, not as the record's {@code {off: true}}. */
  private static void breakerOff(JsonNode settings) {
    if (settings instanceof ObjectNode o
        && o.get("circuit_breaker") instanceof ObjectNode cb
        && cb.path("off").asBoolean()) {
      o.put("circuit_breaker", "off");
    }
  }

  /** One resolved set of policies, in the words of {@code chorus.yaml}. */
  private static ObjectNode policies(ModelPolicies p) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    Timeouts t = p.timeouts();
    ObjectNode timeouts = d.putObject("timeouts");
    timeouts.put("attempt", DurationText.format(t.attempt()));
    timeouts.put("call", t.call() == null ? "none" : DurationText.format(t.call()));
    timeouts.put(
        "first_token", t.firstToken() == null ? "none" : DurationText.format(t.firstToken()));
    timeouts.put("idle", t.idle() == null ? "none" : DurationText.format(t.idle()));
    ObjectNode retry = d.putObject("retry");
    RetryPolicy r = p.retry();
    retry.put("max_retries", r.maxRetries());
    retry.put("initial_backoff", DurationText.format(r.initialBackoff()));
    retry.put("max_backoff", DurationText.format(r.maxBackoff()));
    retry.put("max_retry_after", DurationText.format(r.maxRetryAfter()));
    CircuitBreakerPolicy b = p.circuitBreaker();
    if (b.equals(CircuitBreakerPolicy.NONE)) {
      d.put("circuit_breaker", "off");
    } else {
      ObjectNode cb = d.putObject("circuit_breaker");
      cb.put("failure_rate", b.failureRateThreshold());
      cb.put("window", b.windowSize());
      cb.put("minimum_calls", b.minimumCalls());
      cb.put("open_for", DurationText.format(b.openDuration()));
      cb.put("half_open_calls", b.halfOpenCalls());
    }
    d.put("hedge", HedgeText.format(p.hedge()));
    return d;
  }

  public static String toYaml(LoadedConfig loaded) {
    try {
      return YAML_WRITER.writeValueAsString(toTree(loaded));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String toJson(LoadedConfig loaded) {
    try {
      return Json.PRETTY.writeValueAsString(toTree(loaded));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
