package io.chorus.patterns.vote;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.chorus.core.CallRecord;
import io.chorus.patterns.internal.CallRecordJson;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One voter's vote as counted (or not) by the tally.
 *
 * <ul>
 *   <li>{@link Status#VALID}: the answer parsed and, for a vote among options, matched one.
 *   <li>{@link Status#INVALID}: the call worked but the answer could not be read or matched no
 *       option; {@code rawText} and {@code problem} say why. Never counted as a choice.
 *   <li>{@link Status#FAILED}: the call failed for good; {@code call} has the error kind and
 *       attempts.
 *   <li>{@link Status#NOT_RUN}: adaptive voting did not launch it, or cancelled it, because the
 *       outcome was already settled; or a failure policy cancelled it.
 * </ul>
 *
 * @param index the voter's position in declared order
 * @param voter the voter's name
 * @param weight the voter's weight
 * @param status see above
 * @param choice the matched option (or the free-text answer), or null unless valid
 * @param decision the decision as the voter wrote it, or null
 * @param confidence the stated confidence ({@link Confidence#UNSTATED} when none)
 * @param reasoning the voter's reasoning, or ""
 * @param ranking for ranked votes, matched options best first; else empty
 * @param rawText the voter's whole answer, or null when there was none
 * @param problem why the vote is invalid, failed or not run; null when valid
 * @param call what the call did (model, tokens, cost, time, attempts, error)
 */
public record Vote(
    int index,
    String voter,
    double weight,
    Status status,
    @Nullable String choice,
    @Nullable String decision,
    Confidence confidence,
    String reasoning,
    List<String> ranking,
    @Nullable String rawText,
    @Nullable String problem,
    @JsonSerialize(using = CallRecordJson.class) CallRecord call) {

  /** How a vote counts. */
  public enum Status {
    VALID,
    INVALID,
    FAILED,
    NOT_RUN
  }

  public Vote {
    ranking = ranking == null ? List.of() : List.copyOf(ranking);
    confidence = confidence == null ? Confidence.UNSTATED : confidence;
    reasoning = reasoning == null ? "" : reasoning;
  }

  public boolean valid() {
    return status == Status.VALID;
  }
}
