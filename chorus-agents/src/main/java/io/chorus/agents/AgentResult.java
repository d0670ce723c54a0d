package io.chorus.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.agents.internal.AgentReport;
import io.chorus.core.PatternResult;
import io.chorus.core.Usage;
import java.util.List;

/**
 * How running an agent ended: a {@link Success} with a schema-valid output, or a {@link Failure}
 * saying why. Both carry every {@link AgentAttempt} (first calls, repair rounds, fallback and
 * handover agents) and the route of agents that ran. As a {@link PatternResult}, a success's text
 * is the answer and a failure's is empty.
 */
public sealed interface AgentResult extends PatternResult {

  /** The agent that was asked to run. */
  String agent();

  /** Every model call made, in order. */
  List<AgentAttempt> attempts();

  /** The agents that ran, in order: the one asked, then handovers and fallbacks. */
  List<String> route();

  /**
   * Routing decisions worth knowing (a handover requested to an agent that is not installed...).
   */
  List<String> notes();

  default boolean isSuccess() {
    return this instanceof Success;
  }

  /** Whether the run produced a schema-valid output: {@link #isSuccess()}. */
  @Override
  default boolean ok() {
    return isSuccess();
  }

  /**
   * As {@code chorus agents run --json} prints it: {@code agent}, {@code answered_by}, {@code
   * synthetic}, {@code output}, {@code attempts}, {@code route} for a success; {@code agent},
   * {@code reason}, {@code error}, {@code synthetic}, {@code validation_errors} for a failure.
   */
  @Override
  default String toJson() {
    return AgentReport.json(this);
  }

  /** The agent, who answered and the route, the output or the failure, and every attempt. */
  @Override
  default String toMarkdown() {
    return AgentReport.markdown(this);
  }

  /** Tokens used by every attempt. */
  @Override
  default Usage usage() {
    Usage u = Usage.ZERO;
    for (AgentAttempt a : attempts()) {
      u = u.plus(a.usage());
    }
    return u;
  }

  /** Cost of every attempt in US dollars. */
  @Override
  default double costUsd() {
    return attempts().stream().mapToDouble(AgentAttempt::costUsd).sum();
  }

  /** Whether any attempt's call went to the simulator. */
  @Override
  default boolean synthetic() {
    return attempts().stream().anyMatch(AgentAttempt::synthetic);
  }

  /** Why a run failed. */
  enum Reason {
    /** No agent of that name in the registry. */
    UNKNOWN_AGENT,
    /**
     * The input is not an object, does not validate against input_schema, or lacks a prompt
     * variable.
     */
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
   *     without output_schema, the JSON in the answer if there is one, else the text as a string
   *     node
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

    /** A failed run has no output text. */
    @Override
    public String text() {
      return "";
    }
  }
}
