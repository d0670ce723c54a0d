package io.chorus.patterns.vote;

import io.chorus.core.ModelId;
import java.util.Objects;

/**
 * One voter: a name, a persona (system prompt), a model and a sampling temperature. Voters of one
 * vote may use different models. The weight counts for the {@link Aggregators#weighted weighted}
 * and {@link Aggregators#confidenceWeighted confidence-weighted} aggregators.
 *
 * @param name unique within a vote
 * @param model the model, or null for the vote's default model
 * @param system the persona, or null for none
 * @param temperature in [0, 2], or null for the provider's default
 * @param weight positive; 1 by default
 */
public record Voter(String name, ModelId model, String system, Double temperature, double weight) {

  public Voter {
    Objects.requireNonNull(name, "voter name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("voter name is blank");
    }
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("voter '" + name + "': temperature must be in [0, 2], was " + temperature);
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("voter '" + name + "': weight must be positive, was " + weight);
    }
  }

  /** A voter with no persona, the vote's default model and temperature, weight 1. */
  public static Voter named(String name) {
    return new Voter(name, null, null, null, 1.0);
  }

  public Voter withModel(ModelId m) {
    return new Voter(name, m, system, temperature, weight);
  }

  public Voter withModel(String m) {
    return withModel(ModelId.parse(m));
  }

  public Voter withSystem(String s) {
    return new Voter(name, model, s, temperature, weight);
  }

  public Voter withTemperature(Double t) {
    return new Voter(name, model, system, t, weight);
  }

  public Voter withWeight(double w) {
    return new Voter(name, model, system, temperature, w);
  }
}
