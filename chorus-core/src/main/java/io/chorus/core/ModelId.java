package io.chorus.core;

import java.util.Objects;

/**
 * A model named as {@code provider:model}, for example {@code anthropic:claude-sonnet-4-5}, {@code
 * openai:gpt-4o-mini}, {@code xai:grok-4}, {@code ollama:llama3.2} or {@code sim:fast}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider the provider name, lower case, never blank
 * @param model the provider's model name, never blank; may itself contain colons ({@code
 *     ollama:llama3.2:1b})
 */
public record ModelId(String provider, String model) {

  public ModelId {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (provider.isBlank()) {
      throw new IllegalArgumentException("model id: provider is blank");
    }
    if (model.isBlank()) {
      throw new IllegalArgumentException("model id: model is blank");
    }
    provider = provider.strip().toLowerCase(java.util.Locale.ROOT);
    model = model.strip();
  }

  /**
   * Parses {@code provider:model}.
   *
   * @throws IllegalArgumentException naming the text when it has no provider prefix
   */
  public static ModelId parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "model '"
              + text
              + "' must be written as provider:model, e.g. anthropic:claude-sonnet-4-5 or sim:fast");
    }
    return new ModelId(text.substring(0, colon), text.substring(colon + 1));
  }

  /** Returns {@code provider:model}. */
  @Override
  public String toString() {
    return provider + ":" + model;
  }
}
