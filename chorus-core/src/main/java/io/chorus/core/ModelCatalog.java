package io.chorus.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models Chorus knows by name, with their context windows (input plus output tokens the
 * provider accepts in one request). The engine refuses a request whose estimated size exceeds its
 * model's window before sending it ({@link ProviderError.ContextTooLong}, nothing paid for), and
 * the simulator, standing in for a provider, answers only the models listed here for that provider
 * (and those its scenario declares), so a mistyped model name fails offline as it would online.
 *
 * <p>The defaults are the providers' published model ids and windows when this version was written;
 * {@link #with} adds or overrides one (the {@code models:} section of {@code chorus.yaml} does).
 * Models not listed have no known window and are not checked. Immutable and thread-safe.
 */
public final class ModelCatalog {

  private final Map<String, Long> windows;

  private ModelCatalog(Map<String, Long> windows) {
    this.windows = Map.copyOf(windows);
  }

  /** The published model ids and context windows of Anthropic, OpenAI and xAI. */
  public static ModelCatalog defaults() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String id :
        List.of(
            "claude-opus-4-5",
            "claude-opus-4-5-20251101",
            "claude-opus-4-1",
            "claude-opus-4-1-20250805",
            "claude-opus-4-0",
            "claude-opus-4-20250514",
            "claude-sonnet-4-5",
            "claude-sonnet-4-5-20250929",
            "claude-sonnet-4-0",
            "claude-sonnet-4-20250514",
            "claude-haiku-4-5",
            "claude-haiku-4-5-20251001",
            "claude-3-7-sonnet-latest",
            "claude-3-7-sonnet-20250219",
            "claude-3-5-haiku-latest",
            "claude-3-5-haiku-20241022",
            "claude-3-haiku-20240307")) {
      m.put("anthropic:" + id, 200_000L);
    }
    for (String id :
        List.of(
            "gpt-4o",
            "gpt-4o-2024-11-20",
            "gpt-4o-2024-08-06",
            "gpt-4o-mini",
            "gpt-4o-mini-2024-07-18")) {
      m.put("openai:" + id, 128_000L);
    }
    for (String id : List.of("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano")) {
      m.put("openai:" + id, 1_047_576L);
    }
    for (String id : List.of("gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5.1")) {
      m.put("openai:" + id, 400_000L);
    }
    for (String id : List.of("o3", "o3-mini", "o4-mini")) {
      m.put("openai:" + id, 200_000L);
    }
    m.put("xai:grok-4", 256_000L);
    m.put("xai:grok-4-0709", 256_000L);
    m.put("xai:grok-4-fast-reasoning", 2_000_000L);
    m.put("xai:grok-4-fast-non-reasoning", 2_000_000L);
    m.put("xai:grok-code-fast-1", 256_000L);
    m.put("xai:grok-3", 131_072L);
    m.put("xai:grok-3-mini", 131_072L);
    return new ModelCatalog(m);
  }

  /** A catalog that knows no model (nothing is checked). */
  public static ModelCatalog empty() {
    return new ModelCatalog(Map.of());
  }

  /** This catalog with {@code model} known, its context window {@code contextWindow} tokens. */
  public ModelCatalog with(ModelId model, long contextWindow) {
    Objects.requireNonNull(model, "model");
    if (contextWindow <= 0) {
      throw new IllegalArgumentException(
          "context window of " + model + " must be positive, was " + contextWindow);
    }
    Map<String, Long> m = new LinkedHashMap<>(windows);
    m.put(model.toString(), contextWindow);
    return new ModelCatalog(m);
  }

  /** Whether {@code provider:model} is listed. */
  public boolean knows(ModelId model) {
    return windows.containsKey(model.toString());
  }

  /** The context window of {@code model} in tokens, if known. */
  public Optional<Long> contextWindow(ModelId model) {
    return Optional.ofNullable(windows.get(model.toString()));
  }

  /** Every listed model and its window, by {@code provider:model}. */
  public Map<String, Long> asMap() {
    return windows;
  }
}
