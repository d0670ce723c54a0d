package io.chorus.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import io.chorus.agents.AgentAttempt;
import io.chorus.agents.AgentDefinition;
import io.chorus.agents.AgentRegistry;
import io.chorus.agents.AgentResult;
import io.chorus.agents.AgentResult.Reason;
import io.chorus.agents.DefinitionException;
import io.chorus.agents.RelatedAgent;
import io.chorus.common.internal.AnswerJson;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Message;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.TokenEstimate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one agent request: input validation, keyword handover, calls with repair rounds, answer
 * handover, fallback agent. One {@code RunLoop} serves many runs at once; the per-run state lives
 * in {@link State}.
 */
public final class RunLoop {

  /** Runner settings; see {@code AgentRunner.Builder}. */
  public record Settings(
      ModelId defaultModel,
      ModelId modelOverride,
      boolean keywordRouting,
      int maxHandovers,
      CallOptions callOptions) {}

  private final AgentRegistry registry;
  private final Settings settings;
  // keyed by the schema itself (deep equality): the same schema compiles once
  private final Map<JsonNode, JsonSchema> schemas = new ConcurrentHashMap<>();

  public RunLoop(AgentRegistry registry, Settings settings) {
    this.registry = registry;
    this.settings = settings;
  }

  private static final class State {
    final Engine engine;
    final List<AgentAttempt> attempts = new ArrayList<>();
    final List<String> route = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Set<String> visited = new LinkedHashSet<>();
    int handovers;

    State(Engine engine) {
      this.engine = engine;
    }
  }

  /** Runs agent {@code name} on {@code input}, its calls on {@code engine}. */
  public AgentResult run(Engine engine, String name, JsonNode input) {
    return runAgent(name, input, new State(engine));
  }

  private AgentResult runAgent(String name, JsonNode input, State s) {
    Optional<AgentDefinition> found = registry.find(name);
    if (found.isEmpty()) {
      return failure(name, Reason.UNKNOWN_AGENT, "no agent named '" + name + "'", List.of(), s);
    }
    AgentDefinition a = found.get();
    s.visited.add(name);
    s.route.add(name);
    if (input == null || !input.isObject()) {
      return failure(
          name,
          Reason.INVALID_INPUT,
          "agent " + name + ": the input must be a JSON object",
          List.of(),
          s);
    }
    if (a.inputSchema() != null) {
      List<String> errors = SchemaSupport.validate(schema(a.inputSchema()), input);
      if (!errors.isEmpty()) {
        return failure(
            name,
            Reason.INVALID_INPUT,
            "agent " + name + ": input does not match input_schema:\n" + String.join("\n", errors),
            errors,
            s);
      }
    }
    List<RelatedAgent> handovers = available(a, input, s);
    if (settings.keywordRouting()) {
      String text = textOf(input);
      for (RelatedAgent r : handovers) {
        if (Keywords.matches(r.keywords(), text)) {
          s.handovers++;
          s.notes.add(
              name + " -> " + r.agent() + ": the input matches the trigger '" + r.trigger() + "'");
          return runAgent(r.agent(), input, s);
        }
      }
    }
    String system;
    try {
      system = AgentPrompts.system(a, input, handovers);
    } catch (DefinitionException e) {
      return failure(name, Reason.INVALID_INPUT, e.getMessage(), List.of(), s);
    }
    Rounds rounds = new Rounds(a, input, system, handovers, s);
    AgentResult done = rounds.run();
    if (done != null) {
      return done;
    }
    return fallback(a, input, rounds, s);
  }

  /** The agent failed: run its fallback agent, or give up with a typed failure. */
  private AgentResult fallback(AgentDefinition a, JsonNode input, Rounds failed, State s) {
    String name = a.name();
    String fallback = a.errorHandling().fallbackAgent();
    if (fallback == null
        || failed.reason == Reason.CALL_FAILED && Thread.currentThread().isInterrupted()) {
      return failure(name, failed.reason, failed.message, failed.lastErrors, s);
    }
    if (s.visited.contains(fallback)) {
      s.notes.add(
          name + ": fallback '" + fallback + "' already ran in this request; not run again");
    } else if (registry.find(fallback).isEmpty()) {
      s.notes.add(name + ": fallback '" + fallback + "' is not a known agent");
    } else {
      s.notes.add(
          name
              + " -> "
              + fallback
              + ": fallback after "
              + failed.reason.name().toLowerCase(Locale.ROOT));
      AgentResult r = runAgent(fallback, input, s);
      if (r instanceof AgentResult.Failure f) {
        return failure(
            name,
            failed.reason,
            failed.message + "\nfallback " + fallback + " failed too: " + f.message(),
            failed.lastErrors,
            s);
      }
      return r;
    }
    return failure(name, failed.reason, failed.message, failed.lastErrors, s);
  }

  /**
   * The calls of one agent: the first call and its repair rounds. {@link #run()} returns the result
   * when the agent answered (or handed over), else null with the failure in the fields.
   */
  private final class Rounds {
    private final AgentDefinition a;
    private final JsonNode input;
    private final String system;
    private final List<RelatedAgent> handovers;
    private final State s;
    Reason reason = Reason.INVALID_OUTPUT;
    String message;
    List<String> lastErrors = List.of();

    Rounds(
        AgentDefinition a, JsonNode input, String system, List<RelatedAgent> handovers, State s) {
      this.a = a;
      this.input = input;
      this.system = system;
      this.handovers = handovers;
      this.s = s;
    }

    AgentResult run() {
      String name = a.name();
      ModelId model =
          settings.modelOverride() != null
              ? settings.modelOverride()
              : a.model() != null ? a.model() : settings.defaultModel();
      CallOptions options =
          settings
              .callOptions()
              .withRetry(
                  a.errorHandling().retryStrategy().toPolicy(a.errorHandling().maxRetries()));
      List<Message> messages =
          new ArrayList<>(List.of(Message.user(AgentPrompts.user(input, a.outputSchema()))));
      int maxContext = a.tokenOptimization().maxContextTokens();
      for (int round = 0; round <= a.errorHandling().maxRetries(); round++) {
        ChatRequest request =
            ChatRequest.builder(model)
                .system(system)
                .messages(messages)
                .maxTokens(a.tokenOptimization().responseMaxTokens())
                .temperature(a.temperature())
                .metadata("agent", name)
                .metadata("agent.round", Integer.toString(round))
                .build();
        long estimate = request.estimatedInputTokens();
        if (maxContext > 0 && estimate > maxContext) {
          String over =
              "the prompt is about "
                  + estimate
                  + " tokens (system prompt "
                  + TokenEstimate.of(system)
                  + " + messages), over max_context_tokens "
                  + maxContext;
          if (round == 0) {
            reason = Reason.CONTEXT_TOO_LARGE;
            message = "agent " + name + ": " + over + "; shorten the input";
          } else {
            message += "\n(repair round " + round + " not sent: " + over + ")";
          }
          return null;
        }
        Outcome<ChatResponse> outcome = s.engine.call(request, options);
        if (!(outcome instanceof Outcome.Success<ChatResponse> ok)) {
          s.attempts.add(
              new AgentAttempt(
                  name,
                  round,
                  model,
                  null,
                  List.of(),
                  outcome.errorMessage(),
                  outcome.timeline().usage(),
                  outcome.timeline().costUsd(),
                  outcome.synthetic()));
          reason = Reason.CALL_FAILED;
          message = "agent " + name + ": the call to " + model + " failed: " + outcome.errorLine();
          return null;
        }
        String text = ok.value().text();
        Optional<JsonNode> json = AnswerJson.find(text);
        Optional<String> handover = Handover.requested(text, json.orElse(null));
        if (handover.isPresent()) {
          String target = handover.get();
          if (handovers.stream().anyMatch(r -> r.agent().equals(target))) {
            s.attempts.add(attempt(name, round, model, text, List.of(), ok));
            s.handovers++;
            s.notes.add(name + " -> " + target + ": the answer requested a handover");
            return runAgent(target, input, s);
          }
          s.notes.add(
              name + ": handover to '" + target + "' ignored (not an available related agent)");
        }
        if (a.outputSchema() == null) {
          s.attempts.add(attempt(name, round, model, text, List.of(), ok));
          return new AgentResult.Success(
              s.route.get(0),
              name,
              json.orElse(TextNode.valueOf(text)),
              text,
              s.attempts,
              s.route,
              s.notes);
        }
        List<String> errors =
            json.isEmpty()
                ? List.of(
                    "$: the answer contains no JSON value (expected a JSON object in a ```json fenced block)")
                : SchemaSupport.validate(schema(a.outputSchema()), json.get());
        s.attempts.add(attempt(name, round, model, text, errors, ok));
        if (errors.isEmpty()) {
          return new AgentResult.Success(
              s.route.get(0), name, json.get(), text, s.attempts, s.route, s.notes);
        }
        lastErrors = errors;
        message =
            "agent "
                + name
                + ": the answer did not match output_schema after "
                + (round + 1)
                + " attempt(s):\n"
                + String.join("\n", errors);
        messages.add(Message.assistant(text));
        messages.add(Message.user(AgentPrompts.repair(errors)));
      }
      return null;
    }
  }

  /**
   * Related agents a handover can go to: installed, not yet run in this request, accepting this
   * input (the handed-over agent gets the same input), within the handover limit.
   */
  private List<RelatedAgent> available(AgentDefinition a, JsonNode input, State s) {
    if (s.handovers >= settings.maxHandovers()) {
      return List.of();
    }
    return a.relatedAgents().stream()
        .filter(r -> !s.visited.contains(r.agent()))
        .filter(r -> registry.find(r.agent()).map(t -> accepts(t, input)).orElse(false))
        .toList();
  }

  private boolean accepts(AgentDefinition target, JsonNode input) {
    return target.inputSchema() == null
        || SchemaSupport.validate(schema(target.inputSchema()), input).isEmpty();
  }

  private JsonSchema schema(JsonNode node) {
    return schemas.computeIfAbsent(node, SchemaSupport::compile);
  }

  private static AgentAttempt attempt(
      String agent,
      int round,
      ModelId model,
      String text,
      List<String> errors,
      Outcome.Success<ChatResponse> ok) {
    return new AgentAttempt(
        agent,
        round,
        ok.value().model() == null ? model : ok.value().model(),
        text,
        errors,
        null,
        ok.timeline().usage(),
        ok.timeline().costUsd(),
        ok.synthetic());
  }

  private static AgentResult failure(
      String agent, Reason reason, String message, List<String> errors, State s) {
    String asked = s.route.isEmpty() ? agent : s.route.get(0);
    return new AgentResult.Failure(asked, reason, message, errors, s.attempts, s.route, s.notes);
  }

  /** Every string value of the input, joined, for keyword triggers. */
  static String textOf(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    collect(node, sb);
    return sb.toString();
  }

  private static void collect(JsonNode node, StringBuilder sb) {
    if (node.isTextual()) {
      sb.append(node.asText()).append('\n');
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, sb));
    }
  }
}
