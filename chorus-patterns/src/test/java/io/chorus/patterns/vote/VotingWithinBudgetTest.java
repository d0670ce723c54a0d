package io.chorus.patterns.vote;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Adaptive voting under a budget: when the budget will not admit the next voter, the vote ends with
 * the votes it has and says the budget stopped it, rather than failing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VotingWithinBudgetTest {

  // output at $1,000 per million tokens, 10 tokens per answer: every call costs (and reserves)
  // $0.01
  static final PriceTable PRICES = PriceTable.empty().with("fake:*", Price.of(0, 1000));
  static final List<String> ANSWERS =
      List.of("rejected", "acceptable", "rejected", "acceptable", "rejected", "acceptable");

  final FakeClock clock = new FakeClock();

  FakeProvider provider() {
    return FakeProvider.builder("fake")
        .responder(
            (ChatRequest r, int n) ->
                Reply.text(
                        "{\"decision\": \""
                            + ANSWERS.get(Integer.parseInt(r.metadata().get("voter").substring(1)))
                            + "\"}")
                    .withUsage(Usage.of(0, 10)))
        .build();
  }

  Engine engine(FakeProvider fake, double budget) {
    return Engine.builder()
        .time(clock)
        .sleeper(clock)
        .seed(7)
        .provider(fake)
        .prices(PRICES)
        .budget(Budget.builder().maxCostUsd(budget).build())
        .build();
  }

  static Voting.Builder vote(Adaptive adaptive) {
    Voting.Builder b =
        Voting.builder()
            .name("moderation")
            .prompt("Classify: 'rocks for brains'")
            .options("acceptable", "needs_review", "rejected")
            .model("fake:m")
            .maxTokens(10)
            .adaptive(adaptive);
    for (int i = 0; i < ANSWERS.size(); i++) {
      b.voter(Voter.named("v" + i));
    }
    return b;
  }

  @Test
  void adaptiveWavesStopAtTheBudgetWithTheVotesTheyHave() {
    FakeProvider fake = provider();
    VotingResult r;
    try (Engine engine = engine(fake, 0.035)) {
      r = vote(Adaptive.waves(1)).build().run(engine);
    }
    // three calls fit in $0.035; the fourth is refused before it is sent, the rest never launched
    assertThat(fake.calls()).isEqualTo(3);
    assertThat(r.ok()).isTrue();
    assertThat(r.runFailure()).isNull();
    assertThat(r.winner()).isEqualTo("rejected");
    assertThat(r.tally().validCount()).isEqualTo(3);
    assertThat(r.stoppedByBudget()).isTrue();
    assertThat(r.tally().notRun())
        .hasSize(3)
        .extracting(Vote::problem)
        .allMatch(p -> p.contains("budget"));
    assertThat(r.toMarkdown()).contains("**Stopped by the budget:** 3 of 6 voters not run");
    assertThat(r.toJson()).contains("\"stoppedByBudget\" : true");
    assertThat(r.costUsd()).isLessThanOrEqualTo(0.035);
  }

  @Test
  void aVoteWithoutAdaptiveStoppingAlsoEndsWithWhatTheBudgetAdmitted() {
    FakeProvider fake = provider();
    VotingResult r;
    try (Engine engine = engine(fake, 0.035)) {
      r = vote(Adaptive.OFF).build().run(engine);
    }
    assertThat(fake.calls()).isEqualTo(3);
    assertThat(r.ok()).isTrue();
    assertThat(r.stoppedByBudget()).isTrue();
    assertThat(r.tally().notRun()).hasSize(3);
  }

  @Test
  void aVoteTheBudgetCoversSaysNothingAboutABudget() {
    FakeProvider fake = provider();
    VotingResult r;
    try (Engine engine = engine(fake, 1.0)) {
      r = vote(Adaptive.waves(2)).build().run(engine);
    }
    assertThat(r.stoppedByBudget()).isFalse();
    assertThat(r.toMarkdown()).doesNotContain("budget");
  }
}
