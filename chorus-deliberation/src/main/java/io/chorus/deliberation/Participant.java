package io.chorus.deliberation;

import io.chorus.core.FallbackChain;
import io.chorus.core.ModelId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One voice in a deliberation.
 *
 * @param name how the participant is named in the report (e.g. {@code Claude}, {@code Grok})
 * @param model the model that speaks for it
 * @param persona an optional system prompt giving it a perspective, or null
 * @param fallback models to use when its own cannot answer, or null for the engine's default
 */
public record Participant(
    String name, ModelId model, @Nullable String persona, @Nullable FallbackChain fallback) {

  public Participant {
    Objects.requireNonNull(model, "model");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("participant: name is blank");
    }
  }

  /** A participant named after its model (e.g. {@code claude-sonnet-4-5}). */
  public static Participant of(ModelId model) {
    return new Participant(displayName(model), model, null, null);
  }

  public static Participant of(String model) {
    return of(ModelId.parse(model));
  }

  public Participant withPersona(String system) {
    return new Participant(name, model, system, fallback);
  }

  public Participant withName(String newName) {
    return new Participant(newName, model, persona, fallback);
  }

  public Participant withFallback(FallbackChain chain) {
    return new Participant(name, model, persona, chain);
  }

  static String displayName(ModelId model) {
    String m = model.model();
    if (m.startsWith("claude")) {
      return "Claude (" + m + ")";
    }
    if (m.startsWith("grok")) {
      return "Grok (" + m + ")";
    }
    if (m.startsWith("gpt")) {
      return "GPT (" + m + ")";
    }
    return model.toString();
  }
}
