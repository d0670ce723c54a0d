package io.chorus.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model, turning {@link Usage} into cost. Looked up by exact {@code provider:model},
 * then by the longest configured prefix ending in {@code *} (e.g. {@code
 * anthropic:claude-sonnet-*}), then {@code provider:*}. Unknown models cost nothing and are
 * reported as unpriced.
 *
 * <p>Immutable and thread-safe.
 */
public final class PriceTable {

  private final Map<String, Price> prices;

  private PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  /**
   * The day the {@link #defaults()} were last checked against the providers' price lists (every
   * row: Anthropic's, OpenAI's and xAI's pricing pages).
   */
  public static java.time.LocalDate defaultsTakenOn() {
    return java.time.LocalDate.of(2026, 12, 7);
  }

  /**
   * List prices as published by the providers on {@link #defaultsTakenOn()} (USD per million
   * tokens, standard tier, prompts within the base context tier): every model of {@link
   * ModelCatalog#defaults()} and every model the READMEs name. Override them in configuration
   * ({@code models."provider:model".price} in chorus.yaml) when they change.
   *
   * <p>Cache prices: Anthropic bills a 5-minute cache write at 1.25x and a read at 0.1x the input
   * price ({@link Price#of}); OpenAI and xAI cache automatically, so a write is plain input and a
   * read the provider's cached-input price.
   */
  public static PriceTable defaults() {
    Map<String, Price> m = new LinkedHashMap<>();
    m.put("anthropic:claude-opus-4*", Price.of(15, 75));
    m.put("anthropic:claude-opus-4-5*", Price.of(5, 25));
    m.put("anthropic:claude-sonnet-4*", Price.of(3, 15));
    m.put("anthropic:claude-haiku-4*", Price.of(1, 5));
    m.put("anthropic:claude-3-7-sonnet*", Price.of(3, 15));
    m.put("anthropic:claude-3-5-haiku*", Price.of(0.8, 4));
    m.put("anthropic:claude-3-haiku*", Price.of(0.25, 1.25));
    m.put("openai:gpt-5*", new Price(1.25, 10, 1.25, 0.125));
    m.put("openai:gpt-5-mini*", new Price(0.25, 2, 0.25, 0.025));
    m.put("openai:gpt-5-nano*", new Price(0.05, 0.40, 0.05, 0.005));
    m.put("openai:gpt-4o-mini*", new Price(0.15, 0.60, 0.15, 0.075));
    m.put("openai:gpt-4o*", new Price(2.5, 10, 2.5, 1.25));
    m.put("openai:gpt-4.1-mini*", new Price(0.4, 1.6, 0.4, 0.1));
    m.put("openai:gpt-4.1-nano*", new Price(0.1, 0.4, 0.1, 0.025));
    m.put("openai:gpt-4.1*", new Price(2, 8, 2, 0.5));
    m.put("openai:o3*", new Price(2, 8, 2, 0.5));
    m.put("openai:o3-mini*", new Price(1.1, 4.4, 1.1, 0.55));
    m.put("openai:o4-mini*", new Price(1.1, 4.4, 1.1, 0.275));
    m.put("xai:grok-4*", new Price(3, 15, 3, 0.75));
    m.put("xai:grok-4-fast*", new Price(0.2, 0.5, 0.2, 0.05));
    m.put("xai:grok-code-fast*", new Price(0.2, 1.5, 0.2, 0.02));
    m.put("xai:grok-3*", new Price(3, 15, 3, 0.75));
    m.put("xai:grok-3-mini*", new Price(0.3, 0.5, 0.3, 0.075));
    m.put("ollama:*", Price.FREE);
    m.put("vllm:*", Price.FREE);
    m.put("llamacpp:*", Price.FREE);
    m.put("sim:*", Price.FREE);
    return new PriceTable(m);
  }

  public static PriceTable empty() {
    return new PriceTable(Map.of());
  }

  /**
   * A table with {@code pattern} (exact {@code provider:model}, or a prefix ending in *) priced.
   */
  public PriceTable with(String pattern, Price price) {
    Map<String, Price> m = new LinkedHashMap<>(prices);
    m.put(pattern, price);
    return new PriceTable(m);
  }

  /** The price of {@code model}, if known. */
  public Optional<Price> find(ModelId model) {
    String key = model.toString();
    Price exact = prices.get(key);
    if (exact != null) {
      return Optional.of(exact);
    }
    String best = null;
    for (String pattern : prices.keySet()) {
      if (pattern.endsWith("*") && key.startsWith(pattern.substring(0, pattern.length() - 1))) {
        if (best == null || pattern.length() > best.length()) {
          best = pattern;
        }
      }
    }
    return Optional.ofNullable(best == null ? null : prices.get(best));
  }

  /** The cost of {@code usage} on {@code model} in US dollars; 0 for unpriced models. */
  public double cost(ModelId model, Usage usage) {
    return find(model).map(p -> p.cost(usage)).orElse(0.0);
  }

  /**
   * The cost of {@code usage} on {@code model} sent through the provider's batch API ({@link
   * Price#batch}); 0 for unpriced models.
   */
  public double batchCost(ModelId model, Usage usage) {
    return find(model).map(p -> p.batch().cost(usage)).orElse(0.0);
  }

  /**
   * This table with every price of {@code providers}' models at the batch rate ({@link
   * Price#batch}): the table for an engine whose calls to them go through their batch APIs.
   */
  public PriceTable atBatchRate(java.util.Set<String> providers) {
    Map<String, Price> m = new LinkedHashMap<>();
    prices.forEach(
        (pattern, price) -> {
          int colon = pattern.indexOf(':');
          boolean batched = colon > 0 && providers.contains(pattern.substring(0, colon));
          m.put(pattern, batched ? price.batch() : price);
        });
    return new PriceTable(m);
  }

  public Map<String, Price> asMap() {
    return prices;
  }
}
