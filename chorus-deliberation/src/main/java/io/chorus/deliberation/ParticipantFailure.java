package io.chorus.deliberation;

import io.chorus.core.ModelId;
import java.util.List;

/**
 * A participant that could not answer in a round, described so that a reader knows exactly what
 * happened (never "API failed. See logs.").
 *
 * @param participant the participant's name
 * @param model the model that was asked
 * @param errorKind the error class, e.g. {@code authentication} or {@code overloaded}
 * @param message the error message (never contains keys)
 * @param attempts how many attempts were made, retries and fallbacks included
 * @param modelsTried every model that was tried, in order (the fallbacks after the first)
 */
public record ParticipantFailure(
    String participant,
    ModelId model,
    String errorKind,
    String message,
    int attempts,
    List<ModelId> modelsTried) {

  public ParticipantFailure {
    modelsTried = List.copyOf(modelsTried);
  }

  /** One sentence for reports. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(participant).append(" (").append(model).append(") failed with ").append(errorKind);
    sb.append(" after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
    if (modelsTried.size() > 1) {
      sb.append(", fallbacks tried: ");
      sb.append(
          String.join(
              ", ",
              modelsTried.subList(1, modelsTried.size()).stream().map(ModelId::toString).toList()));
    }
    sb.append(": ").append(message);
    return sb.toString();
  }
}
