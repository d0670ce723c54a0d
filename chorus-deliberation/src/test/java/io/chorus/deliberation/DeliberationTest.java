package io.chorus.deliberation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.FallbackChain;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.semantics.Embedder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliberationTest {
  static final DeliberationMeasures MEASURES = new SemanticMeasures(Embedder.miniLm());

  static final String CLAUDE_R1 =
      """
      1. Async I/O lets one thread serve many network requests while others wait, so throughput rises.
      2. Thousands of concurrent connections cost far less memory with coroutines than with threads.
      3. async/await keeps concurrent code readable compared with callbacks.
      """;
  static final String GROK_R1 =
      """
      1. Non-blocking I/O improves throughput because the event loop keeps working during network waits.
      2. Coroutines scale to thousands of connections with much lower memory than one thread each.
      3. Async programming makes distributed systems immune to all failures.
      """;
  static final String GROK_R2 =
      """
      AGREEMENTS: I/O throughput, scalability, readability.
      DISAGREEMENTS: none.
      REVISED ANSWER:
      1. Non-blocking I/O improves throughput because the event loop keeps working during network waits.
      2. Coroutines scale to thousands of connections with much lower memory than one thread each.
      3. The async/await syntax keeps concurrent code readable, unlike nested callbacks.
      """;
  static final String GPT_R1 =
      """
      1. Asynchronous I/O raises throughput: while one request waits on the network, others proceed.
      2. Coroutines use far less memory than threads, so thousands of connections are cheap.
      3. async/await code reads top to bottom, which is clearer than callback chains.
      """;

  FakeClock clock = new FakeClock();
  Engine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  Engine engine(FakeProvider... providers) {
    Engine.Builder b =
        Engine.builder().time(clock).sleeper(clock).seed(7).retry(RetryPolicy.DEFAULT);
    for (FakeProvider p : providers) {
      b.provider(p);
    }
    engine = b.build();
    return engine;
  }

  static FakeProvider scripted(String name, BiFunction<String, Integer, String> answer) {
    return FakeProvider.builder(name)
        .responder(
            (ChatRequest r, int call) ->
                Reply.text(
                    answer.apply(
                        r.metadata().get("participant"),
                        Integer.parseInt(r.metadata().get("round")))))
        .build();
  }

  Deliberation.Builder deliberation(Engine e) {
    return Deliberation.builder()
        .task("List 3 benefits of async programming in Python")
        .measures(MEASURES)
        .claims(Deliberation.ClaimExtraction.HEURISTIC)
        .random(new SplittableRandom(1));
  }

  @Test
  void modelsListTheirOwnClaimsAsJsonAndUnusableListsFallBackToTheHeuristic() {
    FakeProvider anthropic =
        FakeProvider.builder("anthropic")
            .responder(
                (req, call) ->
                    Reply.text(
                        "claims".equals(req.metadata().get("step"))
                            ? "```json\n{\"claims\": [{\"text\": \"Async I/O raises throughput for network-bound programs.\", \"stance\": \"new\"},"
                                + " {\"text\": \"Coroutines are much cheaper than threads.\", \"stance\": \"new\"}]}\n```"
                            : CLAUDE_R1))
            .build();
    FakeProvider xai =
        FakeProvider.builder("xai")
            .responder(
                (req, call) ->
                    Reply.text(
                        "claims".equals(req.metadata().get("step"))
                            ? "I would rather not."
                            : GROK_R1))
            .build();
    Engine e = engine(anthropic, xai);
    DeliberationResult r =
        deliberation(e)
            .claims(Deliberation.ClaimExtraction.MODEL)
            .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
            .participant(Participant.of("xai:grok-4").withName("Grok"))
            .rounds(1)
            .build()
            .run(engine);
    Contribution claude = r.rounds().get(0).contributions().get(0);
    assertThat(claude.claimSource()).isEqualTo("model");
    assertThat(claude.claims())
        .extracting(io.chorus.semantics.Claim::text)
        .containsExactly(
            "Async I/O raises throughput for network-bound programs.",
            "Coroutines are much cheaper than threads.");
    Contribution grok = r.rounds().get(0).contributions().get(1);
    assertThat(grok.claimSource()).startsWith("heuristic (");
    assertThat(grok.claims()).hasSizeGreaterThanOrEqualTo(3);
    // one claims request per answer, to the answering model, asking for the JSON schema
    assertThat(anthropic.requests()).hasSize(2);
    assertThat(anthropic.requests().get(1).lastUserMessage())
        .contains("\"claims\"")
        .contains("Async I/O lets one thread");
    assertThat(r.calls()).isEqualTo(4);
    assertThat(CollaborationReport.toJson(r)).contains("\"claim_source\" : \"model\"");
  }

  @Test
  void twoParticipantsConvergeInRoundTwoAndStopEarly() {
    FakeProvider anthropic = scripted("anthropic", (p, round) -> CLAUDE_R1);
    FakeProvider xai = scripted("xai", (p, round) -> round == 1 ? GROK_R1 : GROK_R2);
    Engine e = engine(anthropic, xai);
    DeliberationResult r =
        deliberation(e)
            .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
            .participant(Participant.of("xai:grok-4").withName("Grok"))
            .rounds(4)
            .converge(0.8)
            .build()
            .run(engine);

    assertThat(r.rounds()).hasSize(2);
    assertThat(r.stopReason()).isEqualTo(DeliberationResult.StopReason.CONVERGED);
    assertThat(r.rounds().get(0).convergence()).isLessThan(r.rounds().get(1).convergence());
    assertThat(r.convergence()).isGreaterThanOrEqualTo(0.8);
    assertThat(r.consensus()).isIn(ConsensusLevel.FULL, ConsensusLevel.PARTIAL);
    assertThat(r.agreements()).isNotEmpty();
    assertThat(r.agreements())
        .allSatisfy(a -> assertThat(a.heldBy()).containsExactly("Claude", "Grok"));
    assertThat(r.agreements()).noneMatch(a -> a.text().toLowerCase().startsWith("i agree"));
    assertThat(r.failures()).isEmpty();
    assertThat(r.degraded()).isFalse();
    assertThat(r.correlationId()).matches("collab_\\d{8}_\\d{6}_[0-9a-f]{4}");
    // round 2 prompts show the other participant's answer, by name
    assertThat(xai.requests().get(1).lastUserMessage())
        .contains("from=\"Claude\"")
        .contains("Async I/O lets one thread");
    // revision answers are reduced to their revised part
    assertThat(r.lastRound().contributions().get(1).text()).startsWith("1. Non-blocking I/O");
    assertThat(r.calls()).isEqualTo(4);
  }

  @Test
  void threeParticipantsWithAnonymizedRevisionsAndSynthesis() {
    FakeProvider anthropic = scripted("anthropic", (p, round) -> CLAUDE_R1);
    FakeProvider xai = scripted("xai", (p, round) -> round == 1 ? GROK_R1 : GROK_R2);
    FakeProvider openai =
        FakeProvider.builder("openai")
            .responder(
                (req, call) ->
                    Reply.text(
                        "synthesis".equals(req.metadata().get("step"))
                            ? "1. Higher I/O throughput\n2. Cheap concurrency\n3. Readable code"
                            : GPT_R1))
            .build();
    Engine e = engine(anthropic, xai, openai);
    DeliberationResult r =
        deliberation(e)
            .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
            .participant(Participant.of("xai:grok-4").withName("Grok"))
            .participant(Participant.of("openai:gpt-4o-mini").withName("GPT"))
            .anonymize(true)
            .synthesizer(ModelId.parse("openai:gpt-4o-mini"))
            .rounds(3)
            .converge(1.0)
            .build()
            .run(engine);

    assertThat(r.rounds()).hasSize(3);
    assertThat(r.stopReason()).isEqualTo(DeliberationResult.StopReason.MAX_ROUNDS);
    assertThat(r.unifiedPlan()).contains("Cheap concurrency");
    assertThat(r.planSource()).contains("openai:gpt-4o-mini");
    assertThat(anthropic.requests().get(1).lastUserMessage())
        .contains("Participant A")
        .contains("Participant B")
        .doesNotContain("from=\"Grok\"");
    assertThat(r.agreements()).anySatisfy(a -> assertThat(a.heldBy()).hasSize(3));
    assertThat(r.confidence().participation()).isEqualTo(1.0);
    String md = CollaborationReport.toMarkdown(r);
    assertThat(md)
        .contains("## Key Agreements")
        .contains("## Full Conversation")
        .contains("### Round 3");
  }

  @Test
  void participantThatFailsForGoodIsNamedAndConsensusIsDegraded() {
    FakeProvider anthropic =
        FakeProvider.builder("anthropic")
            .script(Reply.error(new ProviderError.Authentication("invalid x-api-key", 401)))
            .build();
    FakeProvider xai = scripted("xai", (p, round) -> GROK_R1);
    FakeProvider openai = scripted("openai", (p, round) -> GPT_R1);
    Engine e = engine(anthropic, xai, openai);
    DeliberationResult r =
        deliberation(e)
            .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
            .participant(Participant.of("xai:grok-4").withName("Grok"))
            .participant(Participant.of("openai:gpt-4o-mini").withName("GPT"))
            .rounds(2)
            .build()
            .run(engine);

    assertThat(r.degraded()).isTrue();
    assertThat(r.failures()).isNotEmpty();
    ParticipantFailure f = r.failures().get(0);
    assertThat(f.participant()).isEqualTo("Claude");
    assertThat(f.model()).isEqualTo(ModelId.parse("anthropic:claude-sonnet-4-5"));
    assertThat(f.errorKind()).isEqualTo("authentication");
    assertThat(f.attempts()).isEqualTo(1); // authentication is never retried
    assertThat(r.confidence().participation())
        .isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.consensus()).isNotEqualTo(ConsensusLevel.NOT_REACHED);
    String md = CollaborationReport.toMarkdown(r);
    assertThat(md)
        .contains("DEGRADED: only 2 of 3 participants answered")
        .contains("Claude (anthropic:claude-sonnet-4-5) failed with authentication after 1 attempt")
        .contains("Fix the API key for anthropic")
        .doesNotContain("See logs");
    String json = CollaborationReport.toJson(r);
    assertThat(json)
        .contains("\"error_kind\" : \"authentication\"")
        .contains("\"degraded\" : true");
  }

  @Test
  void withOnlyOneVoiceLeftConsensusIsNotReached() {
    FakeProvider anthropic =
        FakeProvider.builder("anthropic")
            .script(Reply.error(new ProviderError.ServerError("upstream 500", 500)))
            .build();
    FakeProvider xai = scripted("xai", (p, round) -> GROK_R1);
    Engine e = engine(anthropic, xai);
    DeliberationResult r =
        deliberation(e)
            .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
            .participant(Participant.of("xai:grok-4").withName("Grok"))
            .build()
            .run(engine);
    assertThat(r.consensus()).isEqualTo(ConsensusLevel.NOT_REACHED);
    assertThat(r.stopReason()).isEqualTo(DeliberationResult.StopReason.TOO_FEW_PARTICIPANTS);
    assertThat(r.rounds()).hasSize(1);
    assertThat(r.failures().get(0).attempts()).isEqualTo(3); // first try + 2 retries (SDK defaults)
    assertThat(r.confidence().value()).isLessThanOrEqualTo(0.5);
    assertThat(CollaborationReport.toMarkdown(r)).contains("Only Grok answered in the final round");
  }

  @Test
  void fallbackModelAnswersForAFailingParticipantAndTheReportSaysSo() {
    FakeProvider anthropic =
        FakeProvider.builder("anthropic")
            .on(
                req -> req.model().model().equals("claude-sonnet-4-5"),
                Reply.error(new ProviderError.QuotaExhausted("credit balance too low", 402)))
            .responder((req, call) -> Reply.text(CLAUDE_R1))
            .build();
    FakeProvider xai = scripted("xai", (p, round) -> GROK_R1);
    Engine e = engine(anthropic, xai);
    DeliberationResult r =
        deliberation(e)
            .participant(
                Participant.of("anthropic:claude-sonnet-4-5")
                    .withName("Claude")
                    .withFallback(FallbackChain.of("anthropic:claude-haiku-4-5")))
            .participant(Participant.of("xai:grok-4").withName("Grok"))
            .rounds(1)
            .build()
            .run(engine);
    Contribution claude = r.rounds().get(0).contributions().get(0);
    assertThat(claude.answered()).isTrue();
    assertThat(claude.fellBack()).isTrue();
    assertThat(claude.answeredBy()).isEqualTo(ModelId.parse("anthropic:claude-haiku-4-5"));
    assertThat(CollaborationReport.toMarkdown(r))
        .contains("Answered by fallback model `anthropic:claude-haiku-4-5`");
  }

  @Test
  void contradictoryAnswersDoNotConverge() {
    FakeProvider a =
        scripted(
            "anthropic",
            (p, round) ->
                "1. Async programming improves I/O throughput.\n2. Async code is easy to debug.");
    FakeProvider b =
        scripted(
            "xai",
            (p, round) ->
                "1. Async programming does not improve I/O throughput.\n2. Async code is hard to debug.");
    Engine e = engine(a, b);
    DeliberationResult r =
        deliberation(e)
            .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
            .participant(Participant.of("xai:grok-4").withName("Grok"))
            .rounds(2)
            .build()
            .run(engine);
    assertThat(r.convergence()).isLessThan(0.3);
    assertThat(r.consensus()).isIn(ConsensusLevel.NONE, ConsensusLevel.PARTIAL);
    assertThat(r.disagreements()).anySatisfy(d -> assertThat(d.contradictedBy()).isNotEmpty());
  }

  @Test
  void invalidSettingsNameTheSetting() {
    Engine e = engine(FakeProvider.echo("sim"));
    assertThatThrownBy(() -> deliberation(e).participant(Participant.of("sim:a")).build())
        .hasMessageContaining("at least two participants");
    assertThatThrownBy(
            () ->
                deliberation(e)
                    .participant(Participant.of("sim:a"))
                    .participant(Participant.of("sim:b"))
                    .rounds(0)
                    .build())
        .hasMessageContaining("rounds");
    assertThatThrownBy(
            () ->
                deliberation(e)
                    .participant(Participant.of("sim:a"))
                    .participant(Participant.of("sim:b"))
                    .converge(1.5)
                    .build())
        .hasMessageContaining("converge");
    assertThatThrownBy(
            () ->
                deliberation(e)
                    .participant(Participant.of("sim:a"))
                    .participant(Participant.of("sim:a"))
                    .build())
        .hasMessageContaining("two participants are named");
  }

  @Test
  void consensusRuleIsAsDocumented() {
    assertThat(ConsensusLevel.decide(1, 1.0, 0.8, 5, 0)).isEqualTo(ConsensusLevel.NOT_REACHED);
    assertThat(ConsensusLevel.decide(2, 0.9, 0.8, 1, 0)).isEqualTo(ConsensusLevel.FULL);
    assertThat(ConsensusLevel.decide(2, 0.9, 0.8, 1, 1)).isEqualTo(ConsensusLevel.PARTIAL);
    assertThat(ConsensusLevel.decide(3, 0.4, 0.8, 1, 0)).isEqualTo(ConsensusLevel.PARTIAL);
    assertThat(ConsensusLevel.decide(3, 0.55, 0.8, 0, 0)).isEqualTo(ConsensusLevel.PARTIAL);
    assertThat(ConsensusLevel.decide(3, 0.2, 0.8, 0, 2)).isEqualTo(ConsensusLevel.NONE);
    Confidence c = Confidence.of(0.9, 0.5, 1.0, 0.5);
    assertThat(c.value())
        .isCloseTo(0.5 * (0.6 * 0.9 + 0.25 + 0.075), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void unusedMapImportGuard() {
    assertThat(Map.of()).isEmpty();
    assertThat(Duration.ZERO).isZero();
  }
}
