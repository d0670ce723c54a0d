package io.chorus.agents;

import io.chorus.core.ModelId;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Short model names used in agent files ({@code model: sonnet}) and the {@code provider:model} each
 * stands for. A {@code model} value containing a colon is taken as {@code provider:model} and never
 * looked up. Immutable and thread-safe; {@link #with} returns a copy.
 *
 * <h2>Default table</h2>
 *
 * <table>
 *   <caption>Aliases</caption>
 *   <tr><th>alias</th><th>model</th></tr>
 *   <tr><td>sonnet</td><td>anthropic:claude-sonnet-4-5</td></tr>
 *   <tr><td>opus</td><td>anthropic:claude-opus-4-1</td></tr>
 *   <tr><td>haiku</td><td>anthropic:claude-haiku-4-5</td></tr>
 *   <tr><td>gpt-4o</td><td>openai:gpt-4o</td></tr>
 *   <tr><td>gpt-4o-mini</td><td>openai:gpt-4o-mini</td></tr>
 *   <tr><td>gpt-4.1</td><td>openai:gpt-4.1</td></tr>
 *   <tr><td>gpt-4.1-mini</td><td>openai:gpt-4.1-mini</td></tr>
 *   <tr><td>grok</td><td>xai:grok-4</td></tr>
 *   <tr><td>grok-mini</td><td>xai:grok-3-mini</td></tr>
 *   <tr><td>llama</td><td>ollama:llama3.2</td></tr>
 *   <tr><td>sim</td><td>sim:fast</td></tr>
 * </table>
 *
 * <p>{@code inherit} (and a missing {@code model}) mean "the runner's default model". Override an
 * alias with {@link #with} or a properties file ({@code sonnet = sim:fast}) read by {@link #load}.
 */
public final class ModelAliases {

  /** The value that means "use the runner's default model". */
  public static final String INHERIT = "inherit";

  private static final ModelAliases DEFAULTS =
      new ModelAliases(
          Map.ofEntries(
              Map.entry("sonnet", ModelId.parse("anthropic:claude-sonnet-4-5")),
              Map.entry("opus", ModelId.parse("anthropic:claude-opus-4-1")),
              Map.entry("haiku", ModelId.parse("anthropic:claude-haiku-4-5")),
              Map.entry("gpt-4o", ModelId.parse("openai:gpt-4o")),
              Map.entry("gpt-4o-mini", ModelId.parse("openai:gpt-4o-mini")),
              Map.entry("gpt-4.1", ModelId.parse("openai:gpt-4.1")),
              Map.entry("gpt-4.1-mini", ModelId.parse("openai:gpt-4.1-mini")),
              Map.entry("grok", ModelId.parse("xai:grok-4")),
              Map.entry("grok-mini", ModelId.parse("xai:grok-3-mini")),
              Map.entry("llama", ModelId.parse("ollama:llama3.2")),
              Map.entry("sim", ModelId.parse("sim:fast"))));

  private final Map<String, ModelId> table;

  private ModelAliases(Map<String, ModelId> table) {
    this.table = Collections.unmodifiableMap(new TreeMap<>(table));
  }

  /** The default table above. */
  public static ModelAliases defaults() {
    return DEFAULTS;
  }

  /** A copy where {@code alias} (case-insensitive) stands for {@code model}. */
  public ModelAliases with(String alias, ModelId model) {
    Map<String, ModelId> copy = new TreeMap<>(table);
    copy.put(alias.strip().toLowerCase(Locale.ROOT), model);
    return new ModelAliases(copy);
  }

  /** A copy where {@code alias} stands for {@code model} written {@code provider:model}. */
  public ModelAliases with(String alias, String model) {
    return with(alias, ModelId.parse(model));
  }

  /**
   * A copy with the aliases of a properties file ({@code alias = provider:model}) added.
   *
   * @throws IllegalArgumentException naming the file and alias when a value is not provider:model
   */
  public ModelAliases load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    ModelAliases result = this;
    for (String alias : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
      try {
        result = result.with(alias, p.getProperty(alias).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": alias '" + alias + "': " + e.getMessage(), e);
      }
    }
    return result;
  }

  /** Every alias and its model, sorted by alias. */
  public Map<String, ModelId> table() {
    return table;
  }

  /**
   * The model {@code spec} names: a {@code provider:model}, or an alias. Empty for {@code inherit}
   * (the runner's default).
   *
   * @throws IllegalArgumentException listing the known aliases when {@code spec} is neither
   */
  public Optional<ModelId> resolve(String spec) {
    String s = spec.strip();
    if (s.equalsIgnoreCase(INHERIT)) {
      return Optional.empty();
    }
    ModelId aliased = table.get(s.toLowerCase(Locale.ROOT));
    if (aliased != null) {
      return Optional.of(aliased);
    }
    if (s.indexOf(':') > 0) {
      return Optional.of(ModelId.parse(s));
    }
    throw new IllegalArgumentException(
        "unknown model '"
            + s
            + "': write provider:model (e.g. anthropic:claude-sonnet-4-5) or one of the aliases "
            + String.join(", ", table.keySet())
            + ", or inherit");
  }
}
