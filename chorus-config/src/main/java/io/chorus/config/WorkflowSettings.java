package io.chorus.config;

import io.chorus.core.ModelId;
import java.util.List;

/**
 * A workflow the gateway serves as the model {@code chorus/NAME}: a vote spec file, or a
 * deliberation between models. The client's conversation is the question or the task.
 *
 * @param vote a vote spec ({@code kind: vote}, as for {@code chorus vote --voters}), relative to
 *     the working directory
 * @param deliberate the models that deliberate, {@code provider:model}
 * @param rounds the most rounds of a deliberation (default 3)
 * @param converge the convergence that ends a deliberation early, in (0, 1] (default 0.9)
 * @param description what {@code GET /v1/models} says about it
 */
public record WorkflowSettings(
    String vote, List<String> deliberate, Integer rounds, Double converge, String description) {

  public WorkflowSettings {
    if ((vote == null) == (deliberate == null)) {
      throw new IllegalArgumentException(
          "vote or deliberate: give exactly one (a vote spec file, or the models that deliberate)");
    }
    if (deliberate != null) {
      if (deliberate.size() < 2) {
        throw new IllegalArgumentException(
            "deliberate needs at least two models, was " + deliberate);
      }
      deliberate.forEach(ModelId::parse);
      deliberate = List.copyOf(deliberate);
    }
    if (rounds != null && rounds <= 0) {
      throw new IllegalArgumentException("rounds must be a positive whole number, was " + rounds);
    }
    if (converge != null && !(converge > 0 && converge <= 1)) {
      throw new IllegalArgumentException("converge must be in (0, 1], was " + converge);
    }
  }
}
