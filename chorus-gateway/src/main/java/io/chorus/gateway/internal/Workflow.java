package io.chorus.gateway.internal;

import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.deliberation.ConsensusLevel;
import io.chorus.deliberation.Deliberation;
import io.chorus.deliberation.DeliberationResult;
import io.chorus.deliberation.Participant;
import io.chorus.patterns.spec.VotingSpec;
import io.chorus.patterns.vote.Tally;
import io.chorus.patterns.vote.Vote;
import io.chorus.patterns.vote.VotingResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A named workflow served as the model {@code chorus/NAME}: a vote or a deliberation over the
 * client's prompt.
 */
public sealed interface Workflow {

  String name();

  /** The models its calls go to (the engine is opened for them). */
  List<ModelId> models();

  /** Runs it with the client's conversation as the question or task. */
  WorkflowAnswer run(Engine engine, String prompt, String requestId);

  /** A vote spec ({@code kind: vote}). */
  record VoteWorkflow(String name, VotingSpec spec) implements Workflow {

    @Override
    public List<ModelId> models() {
      Set<ModelId> out = new LinkedHashSet<>();
      if (spec.model() != null) {
        out.add(spec.model());
      }
      spec.voters().stream()
          .map(io.chorus.patterns.vote.Voter::model)
          .filter(java.util.Objects::nonNull)
          .forEach(out::add);
      return new ArrayList<>(out);
    }

    @Override
    public WorkflowAnswer run(Engine engine, String prompt, String requestId) {
      VotingResult r = spec.toPattern(prompt.isBlank() ? null : prompt).run(engine);
      Tally t = r.tally();
      String failure =
          r.ok()
              ? null
              : r.runFailure() != null
                  ? r.runFailure()
                  : t.validCount() == 0
                      ? "no valid vote ("
                          + t.failed().size()
                          + " failed, "
                          + t.invalid().size()
                          + " invalid)"
                      : "no decision: the leader '"
                          + t.leader()
                          + "' has "
                          + percent(t.agreement())
                          + " agreement, below the threshold of "
                          + percent(t.threshold());
      Extension ext =
          new Extension() {
            @Override
            public void write(com.fasterxml.jackson.core.JsonGenerator g)
                throws java.io.IOException {
              g.writeObjectFieldStart("chorus");
              g.writeStringField("request_id", requestId);
              g.writeBooleanField("synthetic", r.synthetic());
              g.writeStringField("workflow", name);
              g.writeStringField("kind", "vote");
              if (t.winner() == null) {
                g.writeNullField("decision");
              } else {
                g.writeStringField("decision", t.winner());
              }
              g.writeBooleanField("consensus", t.consensus());
              g.writeNumberField("agreement", t.agreement());
              g.writeNumberField("threshold", t.threshold());
              g.writeStringField("aggregator", t.aggregator());
              g.writeObjectFieldStart("tally");
              for (var e : t.counts().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
              }
              g.writeEndObject();
              g.writeNumberField("valid_votes", t.validCount());
              g.writeNumberField("invalid_votes", t.invalid().size());
              g.writeNumberField("failed_votes", t.failed().size());
              g.writeArrayFieldStart("votes");
              for (Vote v : t.votes()) {
                g.writeStartObject();
                g.writeStringField("voter", v.voter());
                g.writeStringField("status", v.status().name().toLowerCase(Locale.ROOT));
                if (v.decision() != null) {
                  g.writeStringField("decision", v.decision());
                }
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeNumberField("calls", r.callsMade());
              g.writeNumberField("calls_saved", r.callsSaved());
              g.writeNumberField("cost_usd", r.costUsd());
              g.writeEndObject();
            }

            @Override
            public boolean synthetic() {
              return r.synthetic();
            }
          };
      return new WorkflowAnswer(
          r.text(), r.ok(), failure, r.synthetic(), r.usage(), r.costUsd(), ext);
    }
  }

  /** A deliberation between models. */
  record DeliberationWorkflow(String name, List<ModelId> models, int rounds, double converge)
      implements Workflow {

    @Override
    public WorkflowAnswer run(Engine engine, String prompt, String requestId) {
      DeliberationResult r =
          Deliberation.builder()
              .name(name)
              .task(prompt)
              .participants(models.stream().map(Participant::of).toList())
              .rounds(rounds)
              .converge(converge)
              .build()
              .run(engine);
      boolean ok = r.ok() && r.consensus() != ConsensusLevel.NOT_REACHED;
      String failure =
          ok
              ? null
              : r.failures().isEmpty()
                  ? "no plan: consensus "
                      + r.consensus().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  : "no plan: "
                      + r.failures().size()
                      + " participant failure(s), first: "
                      + r.failures().get(0);
      Extension ext =
          new Extension() {
            @Override
            public void write(com.fasterxml.jackson.core.JsonGenerator g)
                throws java.io.IOException {
              g.writeObjectFieldStart("chorus");
              g.writeStringField("request_id", requestId);
              g.writeBooleanField("synthetic", r.synthetic());
              g.writeStringField("workflow", name);
              g.writeStringField("kind", "deliberation");
              g.writeStringField("consensus", r.consensus().name().toLowerCase(Locale.ROOT));
              if (Double.isNaN(r.convergence())) {
                g.writeNullField("convergence");
              } else {
                g.writeNumberField("convergence", r.convergence());
              }
              g.writeNumberField("convergence_target", r.convergenceTarget());
              g.writeNumberField("rounds", r.rounds().size());
              g.writeStringField("stop_reason", r.stopReason().name().toLowerCase(Locale.ROOT));
              g.writeNumberField("agreements", r.agreements().size());
              g.writeNumberField("disagreements", r.disagreements().size());
              g.writeBooleanField("degraded", r.degraded());
              g.writeNumberField("failures", r.failures().size());
              g.writeStringField("plan_source", r.planSource());
              g.writeStringField("correlation_id", r.correlationId());
              g.writeNumberField("calls", r.calls());
              g.writeNumberField("cost_usd", r.costUsd());
              g.writeEndObject();
            }

            @Override
            public boolean synthetic() {
              return r.synthetic();
            }
          };
      return new WorkflowAnswer(
          r.unifiedPlan() == null ? "" : r.unifiedPlan(),
          ok,
          failure,
          r.synthetic(),
          r.usage(),
          r.costUsd(),
          ext);
    }
  }

  private static String percent(double x) {
    return Math.round(x * 100) + "%";
  }
}
