package io.chorus.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.Engine;
import io.chorus.core.Pattern;

/**
 * One agent run (an agent, its input, the runner's settings) as a {@link Pattern}: it can be a
 * voter, a section or a batch item's workflow, and runs on the engine its parent gives it. Made by
 * {@link AgentRunner#pattern}.
 *
 * <p>Immutable and thread-safe; {@link #run} may be called many times, also concurrently.
 */
public final class AgentRun implements Pattern<AgentResult> {
  private final AgentRunner runner;
  private final String agent;
  private final JsonNode input;

  AgentRun(AgentRunner runner, String agent, JsonNode input) {
    this.runner = runner;
    this.agent = agent;
    this.input = input.deepCopy();
  }

  /** The agent's name. */
  @Override
  public String name() {
    return agent;
  }

  /** The input, a copy (the run's own cannot be changed). */
  public JsonNode input() {
    return input.deepCopy();
  }

  @Override
  public AgentResult run(Engine engine) {
    return runner.run(engine, agent, input);
  }
}
