package io.chorus.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.core.RetryPolicy;
import io.chorus.core.Timeouts;
import io.chorus.providers.BaseUrl;
import io.chorus.providers.HttpTransport;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.chorus.common.internal.Json;
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
      new ObjectMapper(new YAMLFactory()
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
   * The limits every call gets unless configured otherwise, with the configuration applied: the
   * idle timeout (streams and non-streaming reads alike), the cap on a provider's retry-after, and
   * the response size caps.
   */
  private static ObjectNode effectiveDefaults(ChorusConfig config) {
    Timeouts t = Timeouts.DEFAULT;
    if (config.defaults() != null && config.defaults().timeouts() != null) {
      t = config.defaults().timeouts().apply(t);
    }
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    ObjectNode timeouts = d.putObject("timeouts");
    timeouts.put("attempt", DurationText.format(t.attempt()));
    timeouts.put("call", t.call() == null ? "none" : DurationText.format(t.call()));
    timeouts.put("first_token", t.firstToken() == null ? "none" : DurationText.format(t.firstToken()));
    timeouts.put("idle", t.idle() == null ? "none" : DurationText.format(t.idle()));
    ObjectNode retry = d.putObject("retry");
    RetryPolicy r = RetryPolicy.DEFAULT;
    retry.put("max_retries", config.defaults() != null && config.defaults().retries() != null ? config.defaults().retries() : r.maxRetries());
    retry.put("max_retry_after", DurationText.format(r.maxRetryAfter()));
    ObjectNode responses = d.putObject("responses");
    responses.put("max_body_bytes", HttpTransport.DEFAULT_MAX_RESPONSE_BYTES);
    responses.put("max_event_bytes", HttpTransport.DEFAULT_MAX_EVENT_BYTES);
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
