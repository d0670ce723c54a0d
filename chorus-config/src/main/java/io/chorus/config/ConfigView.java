package io.chorus.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The effective configuration as a document for {@code chorus config show}: every file read, every
 * environment override, and each provider's key status. Keys are always shown as {@code
 * <redacted>}; only whether one is set and where it comes from is printed.
 */
public final class ConfigView {

  public static final String REDACTED = "<redacted>";

  private ConfigView() {}

  public static ObjectNode toTree(LoadedConfig loaded) {
    ObjectMapper m = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
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
      }
    }
    root.setAll((ObjectNode) cfg);
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

  public static String toYaml(LoadedConfig loaded) {
    try {
      ObjectMapper y = new ObjectMapper(new YAMLFactory()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
      return y.writeValueAsString(toTree(loaded));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String toJson(LoadedConfig loaded) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toTree(loaded));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
