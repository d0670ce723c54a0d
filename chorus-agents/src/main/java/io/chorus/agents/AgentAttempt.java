package io.chorus.agents;

import io.chorus.core.ModelId;
import io.chorus.core.Usage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One model call made while running an agent: the first call, a repair round, or a call of a
 * fallback or handover agent. Transport retries inside the engine are not separate attempts here
 * (they are in the engine's timeline).
 *
 * @param agent the agent that made the call
 * @param round 0 for the agent's first call, n for its n-th repair round
 * @param model the model asked
 * @param text the answer, or null when the call failed
 * @param validationErrors why the answer did not validate (empty when it did, or was not checked)
 * @param error why the call failed, or null
 * @param usage tokens used by the call, retries included
 * @param costUsd the cost of that usage by the engine's price table
 * @param synthetic whether the simulator answered (or failed) the call
 */
public record AgentAttempt(
    String agent,
    int round,
    ModelId model,
    @Nullable String text,
    List<String> validationErrors,
    @Nullable String error,
    Usage usage,
    double costUsd,
    boolean synthetic) {
  public AgentAttempt {
    validationErrors = List.copyOf(validationErrors);
    usage = usage == null ? Usage.ZERO : usage;
  }
}
