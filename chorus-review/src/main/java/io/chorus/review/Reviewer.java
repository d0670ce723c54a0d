package io.chorus.review;

import io.chorus.core.ModelId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A specialist reviewer: a name, the system prompt that gives its focus, and its model.
 *
 * @param name the reviewer's name (its agent's name, e.g. {@code security-injection})
 * @param systemPrompt its instructions
 * @param model its model
 * @param maxTokens the longest answer
 * @param temperature its sampling temperature, or null for the provider's default
 */
public record Reviewer(
    String name, String systemPrompt, ModelId model, int maxTokens, @Nullable Double temperature) {
  public Reviewer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(model, "model");
    if (maxTokens <= 0) {
      maxTokens = 4000;
    }
  }

  public Reviewer withModel(ModelId other) {
    return new Reviewer(name, systemPrompt, other, maxTokens, temperature);
  }
}
