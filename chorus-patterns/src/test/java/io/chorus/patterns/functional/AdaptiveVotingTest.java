package io.chorus.patterns.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.ProviderError;
import io.chorus.patterns.vote.Adaptive;
import io.chorus.patterns.vote.Aggregator;
import io.chorus.patterns.vote.Aggregators;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Adaptive voting never changes an outcome: the same seeded voters, run with every voter, in waves
 * and with cancellation, give the same winner and consensus flag in every trial, while the adaptive
 * runs save calls on lopsided votes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AdaptiveVotingTest {

  static final List<String> OPTIONS = List.of("acceptable", "needs_review", "rejected");

  /**
   * Seeded voter: the answer depends only on the request (trial prompt and persona). Lopsided
   * towards "rejected" (p), with 5% unreadable answers and 5% failed calls.
   */
  static Reply answer(ChatRequest r, double p) {
    long seed = Objects.hash(r.lastUserMessage(), r.system());
    SplittableRandom rnd = new SplittableRandom(seed);
    double x = rnd.nextDouble();
    if (x < 0.05) {
      return Reply.error(new ProviderError.InvalidRequest("scripted failure", 400));
    }
    if (x < 0.10) {
      return Reply.text("I'd rather not say.");
    }
    String choice = rnd.nextDouble() < p ? "rejected" : OPTIONS.get(rnd.nextInt(2));
    String conf = List.of("high", "medium", "low").get(rnd.nextInt(3));
    return Reply.text("{\"decision\": \"" + choice + "\", \"confidence\": \"" + conf + "\"}");
  }

  static Voting voting(int trial, int voters, Aggregator agg, Adaptive adaptive) {
    Voting.Builder b =
        Voting.builder()
            .name("t" + trial)
            .prompt("Trial " + trial + ": classify the comment.")
            .options(OPTIONS)
            .model("fake:m")
            .aggregator(agg)
            .adaptive(adaptive);
    for (int v = 0; v < voters; v++) {
      b.voter(Voter.named("v" + v).withSystem("Persona " + v).withWeight(1 + (v % 3)));
    }
    return b.build();
  }

  record Totals(int trials, int saved, int calls) {}

  static Totals compare(Supplier<Aggregator> agg, double p, int trials, int voters) {
    FakeProvider fake = FakeProvider.builder("fake").responder((r, n) -> answer(r, p)).build();
    int saved = 0;
    int calls = 0;
    try (Engine engine = Engine.builder().provider(fake).seed(1).build()) {
      for (int t = 0; t < trials; t++) {
        VotingResult all = voting(t, voters, agg.get(), Adaptive.OFF).run(engine);
        calls += all.callsMade();
        for (Adaptive a :
            List.of(Adaptive.waves(1), Adaptive.waves(3), Adaptive.cancelWhenSettled())) {
          VotingResult early = voting(t, voters, agg.get(), a).run(engine);
          String what = agg.get().name() + " trial " + t + " " + a;
          assertThat(early.winner()).as(what).isEqualTo(all.winner());
          assertThat(early.consensus()).as(what).isEqualTo(all.consensus());
          assertThat(early.votes()).as(what).hasSize(voters);
          assertThat(early.callsSaved()).as(what).isLessThan(voters);
          if (a.equals(Adaptive.waves(1))) {
            saved += early.callsSaved();
          }
        }
      }
    }
    return new Totals(trials, saved, calls);
  }

  @Test
  void sameOutcomeWithAndWithoutAdaptiveStoppingAcrossAggregators() {
    List<Supplier<Aggregator>> aggregators =
        List.of(
            Aggregators::majority,
            () -> Aggregators.threshold(0.8),
            Aggregators::weighted,
            Aggregators::confidenceWeighted);
    for (Supplier<Aggregator> agg : aggregators) {
      Totals lopsided = compare(agg, 0.9, 150, 7);
      Totals close = compare(agg, 0.4, 150, 7);
      System.out.printf(
          Locale.ROOT,
          "%s: lopsided (p=0.9) saved %d of %d calls (waves:1); close (p=0.4) saved %d of %d%n",
          agg.get().name(),
          lopsided.saved(),
          lopsided.calls(),
          close.saved(),
          close.calls());
      assertThat(lopsided.saved())
          .as(agg.get().name() + " saves calls on lopsided votes")
          .isGreaterThan(lopsided.calls() / 20);
    }
  }

  @Test
  void adaptiveStoppingOnTheSimulatorKeepsEveryOutcome() {
    try (SimulatedVoters sim = new SimulatedVoters(99, 0.85, 64)) {
      int saved = 0;
      int made = 0;
      for (int t = 0; t < 60; t++) {
        VotingResult all =
            SimulatedVoters.trial(t, 7, Aggregators.majority()).build().run(sim.engine);
        VotingResult waves =
            SimulatedVoters.trial(t, 7, Aggregators.majority())
                .adaptive(Adaptive.waves(2))
                .build()
                .run(sim.engine);
        VotingResult cancel =
            SimulatedVoters.trial(t, 7, Aggregators.majority())
                .adaptive(Adaptive.cancelWhenSettled())
                .build()
                .run(sim.engine);
        assertThat(waves.winner()).isEqualTo(all.winner());
        assertThat(waves.consensus()).isEqualTo(all.consensus());
        assertThat(cancel.winner()).isEqualTo(all.winner());
        assertThat(cancel.consensus()).isEqualTo(all.consensus());
        saved += waves.callsSaved();
        made += waves.callsMade();
      }
      System.out.printf(
          Locale.ROOT,
          "simulator, 60 trials x 7 voters, p=0.85, waves:2: %d calls made, %d saved%n",
          made,
          saved);
      assertThat(saved).isGreaterThan(30);
    }
  }
}
