package io.chorus.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Engine;
import io.chorus.core.RetryPolicy;
import io.chorus.providers.AnthropicProvider;
import io.chorus.providers.OpenAiCompatibleProvider;
import io.chorus.providers.Secret;
import io.chorus.semantics.Embedder;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.Rule;
import io.chorus.sim.SimConfig;
import io.chorus.sim.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deliberations end to end: the in-process simulator on loopback, spoken to by the real Anthropic
 * and OpenAI-compatible HTTP clients, scripted by the shipped scenario
 * examples/deliberation/async-benefits.sim.yaml (seed 000 replayed).
 */
class DeliberationOnSimulatorTest {
  static final Path SCENARIO = Path.of("..", "examples", "deliberation", "async-benefits.sim.yaml");
  static final String TASK = "List 3 benefits of async programming in Python";
  static final DeliberationMeasures MEASURES = new SemanticMeasures(Embedder.miniLm());

  Simulator sim;
  Engine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  static void writeForInspection(String name, String text) {
    try {
      java.nio.file.Files.writeString(Path.of("target", name), text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Engine engineOn(Simulator s) {
    Secret key = Secret.of("sk-sim-test-key");
    engine =
        Engine.builder()
            .provider(
                AnthropicProvider.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(key)
                    .synthetic(true)
                    .build())
            .provider(
                OpenAiCompatibleProvider.builder()
                    .name("xai")
                    .baseUrl(s.baseUrl() + "/v1")
                    .apiKey(key)
                    .synthetic(true)
                    .build())
            .provider(
                OpenAiCompatibleProvider.builder()
                    .name("openai")
                    .baseUrl(s.baseUrl() + "/v1")
                    .apiKey(key)
                    .synthetic(true)
                    .build())
            .retry(
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofMillis(10))
                    .maxBackoff(Duration.ofMillis(20))
                    .build())
            .seed(5)
            .build();
    return engine;
  }

  Deliberation.Builder seedTask(Engine e) {
    return Deliberation.builder()
        .task(TASK)
        .measures(MEASURES)
        .random(new SplittableRandom(2))
        .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
        .participant(Participant.of("xai:grok-4").withName("Grok"));
  }

  @Test
  void seed000ReplayedConvergesAndStopsEarly() {
    sim = Simulator.builder().config(SimConfig.load(SCENARIO)).start();
    DeliberationResult r = seedTask(engineOn(sim)).rounds(5).converge(0.95).build().run(engine);

    assertThat(r.synthetic()).isTrue();
    assertThat(r.stopReason()).isEqualTo(DeliberationResult.StopReason.CONVERGED);
    // the models' own claim lists (scripted in the scenario) converge 0.88, 0.90, then 1.0 once
    // Grok's round 3 revision drops the points Claude disputed
    assertThat(r.rounds()).hasSize(3);
    assertThat(r.rounds().get(0).convergence()).isBetween(0.5, 0.95);
    assertThat(r.rounds().get(0).convergence()).isLessThan(r.convergence());
    assertThat(r.convergence()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.rounds())
        .allSatisfy(
            round ->
                assertThat(round.contributions())
                    .allSatisfy(c -> assertThat(c.claimSource()).isEqualTo("model")));
    assertThat(r.failures()).isEmpty();
    assertThat(r.agreements()).isNotEmpty();
    assertThat(r.agreements()).noneMatch(p -> p.text().matches("(?i)i (agree|align).*"));
    String md = CollaborationReport.toMarkdown(r);
    writeForInspection("collab-seed000.md", md);
    String html = CollaborationReport.toHtml(r);
    writeForInspection("collab-seed000.html", html);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("Key Agreements")
        .contains("Round 3")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain(" src=")
        .doesNotContain(" href=");
    assertThat(md)
        .contains("**Synthetic run.**")
        .contains("stopped when convergence reached the target")
        .doesNotContain("See logs");
    // per round: two answers and two claim lists
    assertThat(sim.stats().totals().requests()).isEqualTo(4L * r.rounds().size());
  }

  @Test
  void threeParticipantsOnTheSimulator() {
    SimConfig scenario = SimConfig.load(SCENARIO);
    Simulator.Builder b = Simulator.builder().config(scenario);
    b.rule(
        Rule.builder()
            .model("gpt-4o-mini")
            .text(
                "1. Non-blocking I/O lets the event loop serve other requests while one waits on the network.\n"
                    + "2. Coroutines are lightweight, so one process handles thousands of concurrent connections.\n"
                    + "3. async/await reads like sequential code and is easier to follow than callbacks."));
    sim = b.start();
    DeliberationResult r =
        seedTask(engineOn(sim))
            .participant(Participant.of("openai:gpt-4o-mini").withName("GPT"))
            .rounds(2)
            .converge(0.99)
            .build()
            .run(engine);
    assertThat(r.rounds()).hasSize(2);
    assertThat(r.lastRound().answered()).isEqualTo(3);
    assertThat(r.consensus()).isNotEqualTo(ConsensusLevel.NOT_REACHED);
    assertThat(r.agreements())
        .anySatisfy(p -> assertThat(p.heldBy()).hasSizeGreaterThanOrEqualTo(2));
    assertThat(CollaborationReport.toJson(r)).contains("\"participant\" : \"GPT\"");
  }

  @Test
  void aParticipantWhoseProviderFailsForGoodGivesAnHonestDegradedReport() {
    sim =
        Simulator.builder()
            .config(SimConfig.load(SCENARIO))
            .fault(FaultRule.always(FaultKind.OVERLOADED).forModel("claude-sonnet-4-5"))
            .start();
    DeliberationResult r = seedTask(engineOn(sim)).rounds(2).build().run(engine);
    assertThat(r.consensus()).isEqualTo(ConsensusLevel.NOT_REACHED);
    assertThat(r.degraded()).isTrue();
    ParticipantFailure f = r.failures().get(0);
    assertThat(f.participant()).isEqualTo("Claude");
    assertThat(f.errorKind()).isEqualTo("overloaded");
    assertThat(f.attempts()).isEqualTo(3);
    String md = CollaborationReport.toMarkdown(r);
    assertThat(md)
        .contains("Claude (anthropic:claude-sonnet-4-5) failed with overloaded after 3 attempts")
        .contains("Consensus not reached")
        .doesNotContain("See logs");
  }
}
