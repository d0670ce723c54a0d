package io.chorus.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.common.internal.LocatedYaml;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code chorus.yaml} files and the environment into a {@link LoadedConfig}.
 *
 * <p>Precedence, lowest first: the user file ({@code $XDG_CONFIG_HOME/chorus/chorus.yaml}, else
 * {@code ~/.config/chorus/chorus.yaml}), the project file ({@code ./chorus.yaml}, or the file given
 * with {@code --config}), then environment variables:
 *
 * <ul>
 *   <li>{@code CHORUS_MODEL}, {@code CHORUS_FAILURE_POLICY}, {@code CHORUS_RETRIES}, {@code
 *       CHORUS_CONCURRENCY}: the matching {@code defaults} entry;
 *   <li>{@code CHORUS_MAX_COST}: {@code budget.max_cost};
 *   <li>{@code CHORUS_CA_FILE}: {@code ca_file} (certificates every provider's TLS trusts);
 *   <li>{@code ANTHROPIC_BASE_URL}, {@code OPENAI_BASE_URL}, {@code XAI_BASE_URL}, {@code
 *       OLLAMA_HOST}: the provider's {@code base_url}.
 * </ul>
 *
 * Maps merge key by key; any other value from a file of higher precedence replaces the lower one.
 * Each file is validated on its own first, so an error names the file, line and key. A {@code
 * ca_file} (top level or under a provider) is resolved against the folder of the file that writes
 * it ({@code ~/} against the home folder; {@code CHORUS_CA_FILE} against the project folder) and
 * must name a readable file.
 */
public final class ConfigLoader {

  /** Environment variables that override one value, and the path of that value. */
  static final Map<String, List<String>> ENV_OVERRIDES =
      Map.of(
          "CHORUS_MODEL", List.of("defaults", "model"),
          "CHORUS_FAILURE_POLICY", List.of("defaults", "failure_policy"),
          "CHORUS_RETRIES", List.of("defaults", "retries"),
          "CHORUS_CONCURRENCY", List.of("defaults", "concurrency"),
          "CHORUS_MAX_COST", List.of("budget", "max_cost"),
          "CHORUS_CA_FILE", List.of("ca_file"),
          "ANTHROPIC_BASE_URL", List.of("providers", "anthropic", "base_url"),
          "OPENAI_BASE_URL", List.of("providers", "openai", "base_url"),
          "XAI_BASE_URL", List.of("providers", "xai", "base_url"),
          "OLLAMA_HOST", List.of("providers", "ollama", "base_url"));

  private final ObjectMapper yaml;
  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** The user's config file location (it may not exist). */
  public Path userFile(Path home) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
    return base.resolve("chorus").resolve("chorus.yaml");
  }

  /**
   * Loads the user file and the project file (each skipped when absent), then the environment.
   *
   * @param explicit a file given on the command line, which must exist and replaces the project
   *     file; or null
   * @throws ConfigException with file, line and key when a file is unreadable or invalid
   */
  public LoadedConfig load(Path userFile, Path projectDir, Path explicit) {
    List<Path> files = new ArrayList<>();
    if (userFile != null && Files.isRegularFile(userFile)) {
      files.add(userFile);
    }
    if (explicit != null) {
      if (!Files.exists(explicit)) {
        throw new ConfigException(explicit + ": config file not found");
      }
      files.add(explicit);
    } else if (projectDir != null && Files.isRegularFile(projectDir.resolve("chorus.yaml"))) {
      files.add(projectDir.resolve("chorus.yaml"));
    }
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (Path f : files) {
      JsonNode tree = readValidated(f);
      if (tree instanceof ObjectNode o) {
        merge(merged, o);
      }
    }
    return withEnvironment(merged, files, projectDir);
  }

  /**
   * Binds a configuration given as a tree instead of files: nested maps, lists and scalars (strings
   * are read as the numbers, booleans and durations their keys expect), keys as {@code chorus.yaml}
   * writes them; then applies the environment as {@link #load(Path, Path, Path)} does. This is how
   * a Spring application's {@code chorus.*} properties become an engine with the same mapping as a
   * file.
   *
   * @param origin the prefix the keys were read under, for error messages ({@code chorus}: an error
   *     reads {@code chorus.providers.openai.limits.rpm: ...})
   * @throws ConfigException naming the key under {@code origin} when a value is invalid
   */
  public LoadedConfig load(Map<String, ?> tree, String origin) {
    ObjectNode node = yaml.valueToTree(tree);
    try {
      yaml.treeToValue(node, ChorusConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String path = e instanceof JsonMappingException m ? pathOf(m) : "";
      throw new ConfigException(origin + (path.isEmpty() ? "" : "." + path) + ": " + describe(e));
    }
    return withEnvironment(node, List.of(), null);
  }

  private LoadedConfig withEnvironment(ObjectNode merged, List<Path> files, Path projectDir) {
    List<String> overrides = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : ENV_OVERRIDES.entrySet()) {
      String v = env.get(e.getKey());
      if (v != null && !v.isBlank()) {
        String value =
            e.getKey().equals("OLLAMA_HOST") && !v.startsWith("http") ? "http://" + v : v;
        if (e.getKey().equals("CHORUS_CA_FILE")) {
          Path ca =
              readableFile(
                  projectDir == null ? Path.of("").toAbsolutePath() : projectDir, v.strip());
          if (ca == null) {
            throw new ConfigException(
                "environment variable CHORUS_CA_FILE: no readable file " + v.strip());
          }
          value = ca.toString();
        }
        set(merged, e.getValue(), value);
        overrides.add(e.getKey());
      }
    }
    overrides.sort(null);
    ChorusConfig config;
    try {
      config = yaml.treeToValue(merged, ChorusConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String path = e instanceof JsonMappingException m ? pathOf(m) : "";
      String culprit =
          overrides.stream()
              .filter(name -> path.startsWith(String.join(".", ENV_OVERRIDES.get(name))))
              .findFirst()
              .orElse(String.join(", ", overrides));
      throw new ConfigException("environment variable " + culprit + ": " + describe(e));
    }
    return new LoadedConfig(config, files, overrides, env);
  }

  /** Parses one file and binds it alone, so that errors point into it. */
  JsonNode readValidated(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": config file not found");
    } catch (AccessDeniedException e) {
      throw new ConfigException(file + ": cannot read config file (permission denied)");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read config file (" + e.getMessage() + ")");
    }
    LocatedYaml located;
    try {
      located = LocatedYaml.read(text);
    } catch (LocatedYaml.Invalid e) {
      throw new ConfigException(
          file + ":" + (e.line() > 0 ? e.line() : "?") + ": not valid YAML: " + e.problem());
    }
    if (!located.duplicates().isEmpty()) {
      LocatedYaml.Duplicate d = located.duplicates().get(0);
      throw new ConfigException(
          file
              + ":"
              + d.line()
              + ": "
              + located.dotted(d.pointer())
              + ": written twice (first on line "
              + d.firstLine()
              + ")");
    }
    JsonNode tree = located.root();
    Map<String, Integer> lines = located.dottedLines();
    if (tree.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException(
          file
              + ":1: the top level must be a mapping with providers, models, defaults, budget, store, gateway, ca_file and otel");
    }
    try {
      yaml.treeToValue(tree, ChorusConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw located(file, lines, e);
    }
    ObjectNode o = (ObjectNode) tree;
    resolveCaFile(o, "ca_file", file, lines);
    if (o.get("providers") instanceof ObjectNode providers) {
      for (Map.Entry<String, JsonNode> p : providers.properties()) {
        if (p.getValue() instanceof ObjectNode settings) {
          resolveCaFile(settings, "providers." + p.getKey() + ".ca_file", file, lines);
        }
      }
    }
    return tree;
  }

  /**
   * Makes {@code node}'s {@code ca_file} absolute (relative to {@code file}'s folder); it must be
   * readable.
   */
  private void resolveCaFile(
      ObjectNode node, String keyPath, Path file, Map<String, Integer> lines) {
    JsonNode v = node.get("ca_file");
    if (v == null || v.isNull()) {
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    Path ca = readableFile(dir, v.asText().strip());
    if (ca == null) {
      Integer line = lines.get(keyPath);
      throw new ConfigException(
          file
              + ":"
              + (line == null ? "?" : line)
              + ": "
              + keyPath
              + ": no readable file "
              + v.asText());
    }
    node.put("ca_file", ca.toString());
  }

  /**
   * {@code name} resolved against {@code dir} ({@code ~/} against the home folder), or null when it
   * is no readable file.
   */
  private Path readableFile(Path dir, String name) {
    String home = env.get("HOME");
    Path p;
    try {
      p =
          name.startsWith("~/") && home != null
              ? Path.of(home, name.substring(2))
              : dir.resolve(name);
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
    return Files.isRegularFile(p) && Files.isReadable(p) ? p.toAbsolutePath().normalize() : null;
  }

  private ConfigException located(Path file, Map<String, Integer> lines, Exception e) {
    {
      String path = e instanceof JsonMappingException m ? pathOf(m) : "";
      int line = locate(lines, path, e);
      String msg = describe(e);
      // a validation message that starts with the key it is about ("hedge: ...") joins the path
      java.util.regex.Matcher key =
          java.util.regex.Pattern.compile(
                  "([a-z_]+(?:\\.[a-z_]+)*): (.*)", java.util.regex.Pattern.DOTALL)
              .matcher(msg);
      if (!path.isEmpty() && key.matches() && lines.containsKey(path + "." + key.group(1))) {
        path = path + "." + key.group(1);
        msg = key.group(2);
      }
      return new ConfigException(
          file + ":" + (line > 0 ? line : "?") + ": " + (path.isEmpty() ? "" : path + ": ") + msg);
    }
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(Exception e) {
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      if (u.getKnownPropertyIds() != null) {
        u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      }
      known.sort(null);
      return "unknown key '"
          + u.getPropertyName()
          + "'"
          + (known.isEmpty() ? "" : " (expected one of " + known + ")");
    }
    if (e instanceof MismatchedInputException mi
        && mi.getTargetType() != null
        && !(root(e) instanceof IllegalArgumentException)) {
      // Jackson's "Cannot deserialize value of type `java.lang.Integer`" says what was expected in
      // Java's words
      String was =
          e instanceof InvalidFormatException f && f.getValue() != null
              ? ", was '" + f.getValue() + "'"
              : "";
      return "expected " + expected(mi.getTargetType()) + was;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException && root.getMessage() != null) {
      return root.getMessage();
    }
    String msg = e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage();
    return firstLine(msg);
  }

  private static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** What a value of {@code type} is written as, in the words of a YAML file. */
  static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class
        || type == double.class
        || type == Float.class
        || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a single value (text, a number or a duration such as 30s)";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a mapping of keys";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /**
   * The line of the key at {@code path}, refined to a child key when the message starts with one
   * (validation messages such as "rpm must be positive" name the field).
   */
  int locate(Map<String, Integer> lines, String path, Exception e) {
    String msg = describe(e);
    int space = msg.indexOf(' ');
    String first = space > 0 ? msg.substring(0, space).replace(":", "") : msg;
    String child = path.isEmpty() ? first : path + "." + first;
    if (lines.containsKey(child)) {
      return lines.get(child);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      Integer l = lines.get(path);
      if (l != null) {
        return l;
      }
      String p2 = path.isEmpty() ? u.getPropertyName() : path + "." + u.getPropertyName();
      if (lines.containsKey(p2)) {
        return lines.get(p2);
      }
    }
    if (lines.containsKey(path)) {
      return lines.get(path);
    }
    if (e instanceof JsonProcessingException jp && jp.getLocation() != null) {
      return jp.getLocation().getLineNr();
    }
    return -1;
  }

  static void merge(ObjectNode into, ObjectNode from) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode fo) {
        merge(eo, fo);
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static void set(ObjectNode root, List<String> path, String value) {
    ObjectNode node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode child = node.get(path.get(i));
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(path.get(i));
      }
      node = (ObjectNode) child;
    }
    node.put(path.get(path.size() - 1), value);
  }
}
