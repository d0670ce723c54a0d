package io.chorus.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.Usage;
import java.util.List;

/**
 * How running an agent ended: a {@link Success} with a schema-valid output, or a {@link Failure}
 * saying why. Both carry every {@link AgentAttempt} (first calls, repair rounds, fallback and
 * handover agents) and the route of agents that ran.
 */
public sealed interface AgentResult {

  /** The agent that was asked to run. */
  String agent();

  /** Every model call made, in order. */
  List<AgentAttempt> attempts();

  /** The agents that ran, in order: the one asked, then handovers and fallbacks. */
  List<String> route();

  /** Routing decisions worth knowing (a handover requested to an agent that is not installed...). */
  List<String> notes();

  default boolean isSuccess() {
    return this instanceof Success;
  }

  /** Tokens used by every attempt. */
  default Usage usage() {
    Usage u = Usage.ZERO;
    for (AgentAttempt a : attempts()) {
      u = u.plus(a.usage());
    }
    return u;
  }

  /** Cost of every attempt in US dollars. */
  default double costUsd() {
    return attempts().stream().mapToDouble(AgentAttempt::costUsd).sum();
  }

  /** Whether any attempt's call went to the simulator. */
  default boolean synthetic() {
    return attempts().stream().anyMatch(AgentAttempt::synthetic);
  }

  /** Why a run failed. */
  enum Reason {
    /** No agent of that name in the registry. */
    UNKNOWN_AGENT,
    /** The input is not an object, does not validate against input_schema, or lacks a prompt variable. */
    INVALID_INPUT,
    /** The prompt's estimated tokens exceed max_context_tokens. */
    CONTEXT_TOO_LARGE,
    /** The model call failed for good (after the engine's retries and model fallbacks). */
    CALL_FAILED,
    /** The answer did not validate against output_schema after every repair round. */
    INVALID_OUTPUT
  }

  /**
   * The run produced an output.
   *
   * @param agent the agent asked
   * @param answeredBy the agent whose answer this is (differs after a handover or fallback)
   * @param output the JSON extracted from the answer, valid against the output schema; for agents
   *     without output_schema, the JSON in the answer if there is one, else the text as a string node
   * @param text the answer text
   */
  record Success(
      String agent,
      String answeredBy,
      JsonNode output,
      String text,
      List<AgentAttempt> attempts,
      List<String> route,
      List<String> notes)
      implements AgentResult {
    public Success {
      attempts = List.copyOf(attempts);
      route = List.copyOf(route);
      notes = List.copyOf(notes);
    }
  }

  /**
   * The run failed.
   *
   * @param agent the agent asked
   * @param reason why, as a category
   * @param message why, in one or more lines naming the agent, field or limit
   * @param validationErrors the input's or last answer's schema errors ({@code $.path: message})
   */
  record Failure(
      String agent,
      Reason reason,
      String message,
      List<String> validationErrors,
      List<AgentAttempt> attempts,
      List<String> route,
      List<String> notes)
      implements AgentResult {
    public Failure {
      validationErrors = List.copyOf(validationErrors);
      attempts = List.copyOf(attempts);
      route = List.copyOf(route);
      notes = List.copyOf(notes);
    }
  }
}
