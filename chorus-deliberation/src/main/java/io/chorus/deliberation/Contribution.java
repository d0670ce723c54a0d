package io.chorus.deliberation;

import io.chorus.core.ModelId;
import io.chorus.core.Usage;
import io.chorus.semantics.Claim;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one participant said in one round, or why it said nothing.
 *
 * @param participant the participant's name
 * @param requestedModel the participant's model
 * @param answeredBy the model that actually answered (a fallback when it differs), or null on
 *     failure
 * @param text the answer, or null on failure
 * @param claims the claims of the answer (empty on failure)
 * @param claimSource how the claims were found: {@code model} (the structured claims the model
 *     listed) or {@code heuristic}, with the reason the model's list was not used; or, for a turn
 *     that only agreed ("I agree."), {@code carried forward from round N}: the author's claims of
 *     its last substantive answer, which the agreement reaffirms
 * @param failure why it failed, or null
 * @param usage tokens used (including failed attempts when known)
 * @param costUsd the cost in US dollars
 * @param latency how long the call took
 * @param synthetic true when the simulator answered
 */
public record Contribution(
    String participant,
    ModelId requestedModel,
    @Nullable ModelId answeredBy,
    @Nullable String text,
    List<Claim> claims,
    String claimSource,
    @Nullable ParticipantFailure failure,
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

  /** What {@link #claimSource()} starts with when the claims were carried forward. */
  public static final String CARRIED_FORWARD = "carried forward from round ";

  /**
   * True when this turn only agreed and its claims are the author's previous ones, carried forward:
   * an "I agree" reaffirms what its author said, it does not take it back.
   */
  public boolean carriedForward() {
    return claimSource != null && claimSource.startsWith(CARRIED_FORWARD);
  }

  /** Returns this contribution with other claims, found as {@code source} says. */
  Contribution withClaims(List<Claim> newClaims, String source) {
    return new Contribution(
        participant,
        requestedModel,
        answeredBy,
        text,
        newClaims,
        source,
        failure,
        usage,
        costUsd,
        latency,
        synthetic);
  }

  /** True when a fallback model answered instead of the participant's own. */
  public boolean fellBack() {
    return answered() && answeredBy != null && !answeredBy.equals(requestedModel);
  }
}
