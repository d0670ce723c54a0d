package io.chorus.patterns.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatorsTest {

  private static final String[] OPTS = {"acceptable", "needs_review", "rejected"};

  @Test
  void majorityCountsOnlyValidVotes() {
    Ballot b =
        Votes.of()
            .valid("rejected")
            .valid("rejected")
            .valid("acceptable")
            .invalid("gibberish")
            .failed()
            .ballot(OPTS);
    Tally t = Aggregators.majority().tally(b);
    assertThat(t.winner()).isEqualTo("rejected");
    assertThat(t.counts())
        .containsEntry("rejected", 2)
        .containsEntry("acceptable", 1)
        .containsEntry("needs_review", 0);
    assertThat(t.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    assertThat(t.agreement()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(t.consensus()).isTrue(); // 0.67 >= 0.6
    assertThat(t.margin()).isEqualTo(1);
    assertThat(t.invalid()).hasSize(1);
    assertThat(t.failed()).hasSize(1);
    assertThat(t.tieBreak()).isNull();
  }

  @Test
  void majorityTieBrokenBySummedConfidenceThenDeclaredOrder() {
    Ballot byConfidence = Votes.of().valid("acceptable", 0.3).valid("rejected", 0.9).ballot(OPTS);
    Tally t = Aggregators.majority().tally(byConfidence);
    assertThat(t.winner()).isEqualTo("rejected");
    assertThat(t.tieBreak()).contains("confidence");
    assertThat(t.consensus()).isFalse();

    Ballot byOrder = Votes.of().valid("rejected", 0.6).valid("acceptable", 0.6).ballot(OPTS);
    Tally o = Aggregators.majority().tally(byOrder);
    assertThat(o.winner()).isEqualTo("acceptable"); // declared first
    assertThat(o.tieBreak()).contains("declared order");
  }

  @Test
  void noValidVotesNoWinner() {
    Tally t = Aggregators.majority().tally(Votes.of().invalid("x").failed().ballot(OPTS));
    assertThat(t.winner()).isNull();
    assertThat(t.consensus()).isFalse();
  }

  @Test
  void thresholdWithholdsWinnerWithoutConsensus() {
    Ballot b =
        Votes.of()
            .valid("rejected")
            .valid("rejected")
            .valid("rejected")
            .valid("acceptable")
            .valid("acceptable")
            .ballot(OPTS);
    Tally t60 = Aggregators.threshold(0.6).tally(b);
    assertThat(t60.winner()).isEqualTo("rejected");
    assertThat(t60.consensus()).isTrue();
    Tally t80 = Aggregators.threshold(0.8).tally(b);
    assertThat(t80.winner()).isNull();
    assertThat(t80.leader()).isEqualTo("rejected");
    assertThat(t80.consensus()).isFalse();
  }

  @Test
  void weightedUsesVoterWeights() {
    Ballot b =
        Votes.of()
            .weighted("acceptable", 3)
            .weighted("rejected", 1)
            .weighted("rejected", 1)
            .ballot(OPTS);
    assertThat(Aggregators.majority().tally(b).winner()).isEqualTo("rejected");
    Tally w = Aggregators.weighted().tally(b);
    assertThat(w.winner()).isEqualTo("acceptable");
    assertThat(w.scores()).containsEntry("acceptable", 3.0).containsEntry("rejected", 2.0);
    assertThat(w.agreement()).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void confidenceWeightedUsesDocumentedNumbers() {
    Ballot b =
        Votes.of()
            .valid("rejected", Confidence.parse("low").orElseThrow(), 1)
            .valid("rejected", Confidence.parse("low").orElseThrow(), 1)
            .valid("acceptable", Confidence.parse("high").orElseThrow(), 1)
            .ballot(OPTS);
    Tally t = Aggregators.confidenceWeighted().tally(b);
    assertThat(t.scores().get("rejected")).isCloseTo(0.6, within(1e-9));
    assertThat(t.scores().get("acceptable")).isCloseTo(0.9, within(1e-9));
    assertThat(t.winner()).isEqualTo("acceptable");
  }

  @Test
  void bordaCountsRankPositions() {
    // a: 2+0+1 = 3, b: 1+2+2 = 5, c: 0+1+0 = 1
    Ballot b =
        Votes.of()
            .ranked("a", "b", "c")
            .ranked("b", "c", "a")
            .ranked("b", "a", "c")
            .ballot("a", "b", "c");
    Tally t = Aggregators.borda().tally(b);
    assertThat(t.winner()).isEqualTo("b");
    assertThat(t.scores()).containsEntry("a", 3.0).containsEntry("b", 5.0).containsEntry("c", 1.0);
    assertThat(t.margin()).isEqualTo(2.0);
    assertThat(t.agreement()).isCloseTo(2.0 / 3, within(1e-9));
  }

  @Test
  void bordaCanDisagreeWithPlurality() {
    // plurality: a (2 firsts) vs b (1); Borda: a = 2+2+0 = 4, b = 1+1+2 = 4 ... add a third option
    // to break
    Ballot b =
        Votes.of()
            .ranked("a", "b", "c")
            .ranked("a", "b", "c")
            .ranked("b", "c", "a")
            .ranked("b", "c", "a")
            .ranked("c", "b", "a")
            .ballot("a", "b", "c");
    // a: 2+2+0+0+0 = 4, b: 1+1+2+2+1 = 7, c: 0+0+1+1+2 = 4
    assertThat(Aggregators.borda().tally(b).winner()).isEqualTo("b");
  }

  @Test
  void freeTextMajorityGroupsEqualCanonicalAnswers() {
    Ballot b =
        Ballot.of(
            Choices.of(List.of()), Votes.of().valid("Paris").valid("paris.").valid("Lyon").list());
    Tally t = Aggregators.majority().tally(b);
    assertThat(t.winner()).isEqualTo("Paris");
    assertThat(t.counts()).containsEntry("Paris", 2).containsEntry("Lyon", 1);
  }

  @Test
  void majoritySettledOnlyWhenRemainingVotersCannotChangeTheOutcome() {
    Aggregator maj = Aggregators.majority(0.6);
    // 3 of 5 for rejected, 2 pending: 3-0 > 2 and consensus: low 3/5=0.6 >= 0.6, high 5/5 ->
    // settled
    assertThat(
            maj.settled(
                Votes.of().valid("rejected").valid("rejected").valid("rejected").ballot(OPTS),
                Votes.pending(2)))
        .isTrue();
    // 2 of 5, 3 pending: not settled
    assertThat(
            maj.settled(
                Votes.of().valid("rejected").valid("rejected").ballot(OPTS), Votes.pending(3)))
        .isFalse();
    // lead equal to pending: a tie is reachable -> not settled
    assertThat(
            maj.settled(
                Votes.of().valid("rejected").valid("rejected").valid("acceptable").ballot(OPTS),
                Votes.pending(1)))
        .isFalse();
    // nothing pending is never "settled early"
    assertThat(maj.settled(Votes.of().ballot(OPTS), Votes.pending(1))).isFalse();
  }

  @Test
  void thresholdSettledNeedsTheConsensusFlagFixedToo() {
    Aggregator th = Aggregators.threshold(0.8);
    // 3 of 3 so far, 2 pending: winner fixed (3 > 2) but 3/5 = 0.6 < 0.8 while 5/5 >= 0.8 -> not
    // settled
    assertThat(
            th.settled(
                Votes.of().valid("rejected").valid("rejected").valid("rejected").ballot(OPTS),
                Votes.pending(2)))
        .isFalse();
    // 4 of 4, 1 pending: 4/5 = 0.8 -> consensus either way
    assertThat(
            th.settled(
                Votes.of()
                    .valid("rejected")
                    .valid("rejected")
                    .valid("rejected")
                    .valid("rejected")
                    .ballot(OPTS),
                Votes.pending(1)))
        .isTrue();
  }

  @Test
  void settledIsExactAgainstBruteForce() {
    // every partial state of 5 voters over 2 options: settled must imply every completion has the
    // same outcome
    Aggregator[] aggregators = {
      Aggregators.majority(0.6),
      Aggregators.majority(0.9),
      Aggregators.threshold(0.8),
      Aggregators.weighted(0.6)
    };
    String[] choices = {"acceptable", "rejected", "INVALID"};
    for (Aggregator agg : aggregators) {
      for (int done = 1; done <= 4; done++) {
        int states = (int) Math.pow(3, done);
        for (int s = 0; s < states; s++) {
          Votes partial = Votes.of();
          int x = s;
          for (int i = 0; i < done; i++) {
            add(partial, choices[x % 3]);
            x /= 3;
          }
          boolean settled = agg.settled(partial.ballot(OPTS), Votes.pending(5 - done));
          if (!settled) {
            continue;
          }
          Tally base = agg.tally(partial.ballot(OPTS));
          int rest = 5 - done;
          for (int c = 0; c < Math.pow(3, rest); c++) {
            Votes full = Votes.of();
            partial.list().forEach(v -> full.list().add(v));
            int y = c;
            for (int i = 0; i < rest; i++) {
              add(full, choices[y % 3]);
              y /= 3;
            }
            Tally t = agg.tally(full.ballot(OPTS));
            assertThat(t.winner())
                .as(agg.name() + " state " + s + " completion " + c)
                .isEqualTo(base.winner());
            assertThat(t.consensus()).as(agg.name() + " consensus").isEqualTo(base.consensus());
          }
        }
      }
    }
  }

  private static void add(Votes v, String choice) {
    if (choice.equals("INVALID")) {
      v.invalid("?");
    } else {
      v.valid(choice);
    }
  }
}
