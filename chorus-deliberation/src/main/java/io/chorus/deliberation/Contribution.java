package io.chorus.deliberation;

import io.chorus.core.ModelId;
import io.chorus.core.Usage;
import java.time.Duration;
import io.chorus.semantics.Claim;
import java.util.List;

/**
 * What one participant said in one round, or why it said nothing.
 *
 * @param participant the participant's name
 * @param requestedModel the participant's model
 * @param answeredBy the model that actually answered (a fallback when it differs), or null on failure
 * @param text the answer, or null on failure
 * @param claims the claims of the answer (empty on failure)
 * @param claimSource how the claims were found: {@code model} (the structured claims the model
 *     listed) or {@code heuristic}, with the reason the model's list was not used
 * @param failure why it failed, or null
 * @param usage tokens used (including failed attempts when known)
 * @param costUsd the cost in US dollars
 * @param latency how long the call took
 * @param synthetic true when the simulator answered
 */
public record Contribution(
    String participant,
    ModelId requestedModel,
    ModelId answeredBy,
    String text,
    List<Claim> claims,
    String claimSource,
    ParticipantFailure failure,
    Usage usage,
    double costUsd,
    Duration latency,
    boolean synthetic) {

  public Contribution {
    claims = claims == null ? List.of() : List.copyOf(claims);
  }

  public boolean answered() {
    return failure == null && text != null;
  }

  /** True when a fallback model answered instead of the participant's own. */
  public boolean fellBack() {
    return answered() && answeredBy != null && !answeredBy.equals(requestedModel);
  }
}
