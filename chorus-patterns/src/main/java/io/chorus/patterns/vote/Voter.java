package io.chorus.patterns.vote;

import io.chorus.core.ModelId;
import io.chorus.core.Pattern;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One voter: a name, a persona (system prompt), a model and a sampling temperature; or a whole
 * nested {@link Pattern} (a deliberation, a review, an agent run, another vote) whose result's text
 * is read as that voter's answer. Voters of one vote may use different models. The weight counts
 * for the {@link Aggregators#weighted weighted} and {@link Aggregators#confidenceWeighted
 * confidence-weighted} aggregators.
 *
 * {@snippet :
 * Voter panel = Voter.nested("panel", prompt -> Deliberation.builder()
 *     .task(prompt)                       // the vote's prompt, options and answer format
 *     .participant(Participant.of("anthropic:claude-sonnet-4-5"))
 *     .participant(Participant.of("openai:gpt-5"))
 *     .synthesizer(ModelId.parse("anthropic:claude-sonnet-4-5"))
 *     .build());
 * }
 *
 * @param name unique within a vote
 * @param model the model, or null for the vote's default model (null for a nested voter)
 * @param system the persona, or null for none (null for a nested voter)
 * @param temperature in [0, 2], or null for the provider's default (null for a nested voter)
 * @param weight positive; 1 by default
 * @param nested for a nested voter, makes its pattern from the full text a model voter would
 *     receive ({@link Voting#votePrompt()}); null for a model voter
 */
public record Voter(
    String name,
    @Nullable ModelId model,
    @Nullable String system,
    @Nullable Double temperature,
    double weight,
    @Nullable Function<String, ? extends Pattern<?>> nested) {

  public Voter {
    Objects.requireNonNull(name, "voter name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("voter name is blank");
    }
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException(
          "voter '" + name + "': temperature must be in [0, 2], was " + temperature);
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "voter '" + name + "': weight must be positive, was " + weight);
    }
    if (nested != null && (model != null || system != null || temperature != null)) {
      throw new IllegalArgumentException(
          "voter '"
              + name
              + "' runs a nested pattern: its model, persona and temperature are the pattern's own");
    }
  }

  /** A model voter. */
  public Voter(
      String name,
      @Nullable ModelId model,
      @Nullable String system,
      @Nullable Double temperature,
      double weight) {
    this(name, model, system, temperature, weight, null);
  }

  /** A voter with no persona, the vote's default model and temperature, weight 1. */
  public static Voter named(String name) {
    return new Voter(name, null, null, null, 1.0, null);
  }

  /**
   * A voter that runs the pattern {@code step} makes from the vote's prompt (with its options and
   * answer format), on the vote's engine; the pattern's text is read like a model's answer, and a
   * result that is not {@code ok()} is a failed vote. Weight 1.
   */
  public static Voter nested(String name, Function<String, ? extends Pattern<?>> step) {
    return new Voter(name, null, null, null, 1.0, Objects.requireNonNull(step, "step"));
  }

  /** A voter that runs {@code pattern} as it is (its own prompt must ask for the vote's format). */
  public static Voter nested(String name, Pattern<?> pattern) {
    Objects.requireNonNull(pattern, "pattern");
    return nested(name, prompt -> pattern);
  }

  public Voter withModel(@Nullable ModelId m) {
    return new Voter(name, m, system, temperature, weight, nested);
  }

  public Voter withModel(String m) {
    return withModel(ModelId.parse(m));
  }

  public Voter withSystem(@Nullable String s) {
    return new Voter(name, model, s, temperature, weight, nested);
  }

  public Voter withTemperature(@Nullable Double t) {
    return new Voter(name, model, system, t, weight, nested);
  }

  public Voter withWeight(double w) {
    return new Voter(name, model, system, temperature, w, nested);
  }
}
