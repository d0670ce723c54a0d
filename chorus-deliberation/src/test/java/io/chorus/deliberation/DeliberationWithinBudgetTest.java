package io.chorus.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Budget;
import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.core.Usage;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A deliberation under a budget: when the budget will not admit a round's calls, it ends with each
 * participant's latest answer and says the budget stopped it, rather than failing.
 */
class DeliberationWithinBudgetTest {

  // output at $1,000 per million tokens, 10 tokens per answer: every call costs (and reserves)
  // $0.01
  static final Price TEN_TOKENS_A_CENT = Price.of(0, 1000);

  final FakeClock clock = new FakeClock();

  static FakeProvider provider(String name, String answer) {
    return FakeProvider.builder(name)
        .responder((ChatRequest r, int n) -> Reply.text(answer).withUsage(Usage.of(0, 10)))
        .build();
  }

  DeliberationResult run(double budget, FakeProvider... providers) {
    Engine.Builder b =
        Engine.builder()
            .time(clock)
            .sleeper(clock)
            .seed(7)
            .prices(
                PriceTable.empty()
                    .with("anthropic:*", TEN_TOKENS_A_CENT)
                    .with("xai:*", TEN_TOKENS_A_CENT)
                    .with("openai:*", TEN_TOKENS_A_CENT))
            .budget(Budget.builder().maxCostUsd(budget).build());
    for (FakeProvider p : providers) {
      b.provider(p);
    }
    try (Engine engine = b.build()) {
      return Deliberation.builder()
          .task("List 3 benefits of async programming in Python")
          .measures(DeliberationTest.MEASURES)
          .claims(Deliberation.ClaimExtraction.HEURISTIC)
          .random(new SplittableRandom(1))
          .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
          .participant(Participant.of("xai:grok-4").withName("Grok"))
          .participant(Participant.of("openai:gpt-5").withName("GPT"))
          .rounds(4)
          .converge(0.99)
          .maxTokens(10)
          .build()
          .run(engine);
    }
  }

  @Test
  void theBudgetEndsTheDeliberationWithEachParticipantsLatestAnswer() {
    FakeProvider anthropic = provider("anthropic", DeliberationTest.CLAUDE_R1);
    FakeProvider xai = provider("xai", DeliberationTest.GROK_R1);
    FakeProvider openai = provider("openai", DeliberationTest.GPT_R1);
    // $0.045: round 1 (three calls, $0.03) and one call of round 2; the other two are refused
    DeliberationResult r = run(0.045, anthropic, xai, openai);
    assertThat(anthropic.calls() + xai.calls() + openai.calls()).isEqualTo(4);
    assertThat(r.stopReason()).isEqualTo(DeliberationResult.StopReason.BUDGET);
    assertThat(r.rounds()).hasSize(2);
    assertThat(r.calls()).isEqualTo(4);
    assertThat(r.costUsd()).isLessThanOrEqualTo(0.045);
    // not a failure: the plan stands on all three participants' latest answers
    assertThat(r.ok()).isTrue();
    assertThat(r.failures()).isEmpty();
    assertThat(r.degraded()).isFalse();
    assertThat(r.unifiedPlan()).isNotBlank();
    assertThat(CollaborationReport.toMarkdown(r)).contains("stopped by the budget");
    assertThat(CollaborationReport.toJson(r)).contains("\"stop_reason\" : \"budget\"");
  }

  @Test
  void aBudgetThatCoversEveryRoundChangesNothing() {
    DeliberationResult r =
        run(
            10,
            provider("anthropic", DeliberationTest.CLAUDE_R1),
            provider("xai", DeliberationTest.GROK_R1),
            provider("openai", DeliberationTest.GPT_R1));
    assertThat(r.stopReason()).isNotEqualTo(DeliberationResult.StopReason.BUDGET);
    assertThat(CollaborationReport.toMarkdown(r)).doesNotContain("budget");
  }
}
