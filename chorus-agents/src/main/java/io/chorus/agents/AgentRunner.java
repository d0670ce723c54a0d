package io.chorus.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.agents.internal.RunLoop;
import io.chorus.core.CallOptions;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import java.util.Objects;

/**
 * Runs agents from a registry through the {@link Engine} given to each run. The runner holds the
 * registry and settings, never an engine: {@link #run(Engine, String, JsonNode)} runs one agent
 * now, and {@link #pattern(String, JsonNode)} makes that run a {@link io.chorus.core.Pattern}, a
 * step of a vote, a sectioning or a batch.
 *
 * <h2>What a run does</h2>
 *
 * <ol>
 *   <li>The input must be a JSON object valid against the agent's {@code input_schema}; otherwise
 *       the result is {@link AgentResult.Reason#INVALID_INPUT} naming each field ({@code
 *       $.context.workload_type: does not have a value in the enumeration [io-bound, cpu-bound,
 *       mixed]}) and no call is made.
 *   <li>Keyword handover (see the package documentation): when the input's text contains every
 *       keyword of a Related Agents trigger, that agent runs instead.
 *   <li>The system prompt is the body with {@code {{variables}}} filled from input fields, plus the
 *       concise instruction and a handover section; the user message is the input as JSON and the
 *       output schema. The prompt estimate must fit {@code max_context_tokens}; {@code
 *       response_max_tokens} is the request's max tokens; the engine call retries transport
 *       failures by {@code error_handling} ({@link RetryStrategy#toPolicy}).
 *   <li>The JSON of the answer ({@code ```json} block or bare) is validated against {@code
 *       output_schema}. If it fails, a repair round sends the errors back in a follow-up message,
 *       up to {@code max_retries} times.
 *   <li>An answer saying {@code HANDOVER: <agent>} (or {@code "handover": "<agent>"}) for a related
 *       agent runs that agent. At most {@code maxHandovers} handovers per run; no agent runs twice.
 *   <li>When the agent fails, its {@code fallback_agent} runs with the same input; if that fails
 *       too, or there is none, the result is a {@link AgentResult.Failure}.
 * </ol>
 *
 * <p>Thread-safe: one runner may serve many runs at once, on one engine or several (each run blocks
 * its calling thread; run them on virtual threads or through {@link Engine#run}).
 *
 * {@snippet :
 * AgentRunner runner = AgentRunner.builder(AgentRegistry.standard(Path.of("agents"), userDir)).build();
 * AgentResult result = runner.run(engine, "jvm-concurrency-expert", input);
 * // the same run as a step of another pattern
 * Section advice = Section.nested("Concurrency", runner.pattern("jvm-concurrency-expert", input));
 * }
 */
public final class AgentRunner {
  /** The model for agents with {@code model: inherit} or no model, unless the builder sets one. */
  public static final ModelId DEFAULT_MODEL = ModelId.parse("anthropic:claude-sonnet-4-5");

  private final RunLoop loop;

  private AgentRunner(Builder b) {
    this.loop =
        new RunLoop(
            b.registry,
            new RunLoop.Settings(
                b.defaultModel, b.modelOverride, b.keywordRouting, b.maxHandovers, b.callOptions));
  }

  /** A runner over {@code registry}; the defaults are keyword routing on, at most 2 handovers. */
  public static Builder builder(AgentRegistry registry) {
    return new Builder(registry);
  }

  /**
   * Runs the agent named {@code agent} on {@code input}, its calls on {@code engine}. Never throws
   * for model or validation failures: see the result.
   */
  public AgentResult run(Engine engine, String agent, JsonNode input) {
    return loop.run(
        Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(agent, "agent"), input);
  }

  /**
   * The run of {@code agent} on {@code input} as a pattern, run on whichever engine its {@link
   * AgentRun#run} is given (a parent pattern passes its own).
   */
  public AgentRun pattern(String agent, JsonNode input) {
    return new AgentRun(
        this, Objects.requireNonNull(agent, "agent"), Objects.requireNonNull(input, "input"));
  }

  /** Builds an {@link AgentRunner}; not thread-safe. */
  public static final class Builder {
    private final AgentRegistry registry;
    private ModelId defaultModel = DEFAULT_MODEL;
    private ModelId modelOverride;
    private boolean keywordRouting = true;
    private int maxHandovers = 2;
    private CallOptions callOptions = CallOptions.DEFAULT;

    private Builder(AgentRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The model of agents that do not name one ({@code inherit}). */
    public Builder defaultModel(ModelId model) {
      this.defaultModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Runs every agent on this model, whatever its file says (e.g. {@code sim:fast}); none unless
     * set.
     */
    public Builder modelOverride(ModelId model) {
      this.modelOverride = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Whether inputs matching a Related Agents trigger's keywords hand over before the first call.
     */
    public Builder keywordRouting(boolean on) {
      this.keywordRouting = on;
      return this;
    }

    /** The most handovers in one run (0 turns handovers off). */
    public Builder maxHandovers(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxHandovers must not be negative");
      }
      this.maxHandovers = max;
      return this;
    }

    /** Call options (priority, timeouts, streaming...); the retry policy comes from each agent. */
    public Builder callOptions(CallOptions options) {
      this.callOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    public AgentRunner build() {
      return new AgentRunner(this);
    }
  }
}
