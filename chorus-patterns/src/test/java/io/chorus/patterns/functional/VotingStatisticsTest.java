package io.chorus.patterns.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chorus.core.FailurePolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Task;
import io.chorus.patterns.vote.Aggregators;
import io.chorus.patterns.vote.Ballot;
import io.chorus.patterns.vote.Choices;
import io.chorus.patterns.vote.Tally;
import io.chorus.patterns.vote.VotingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Condorcet's jury theorem on the simulator: five independent voters, each right with probability
 * 0.7, over 2,000 trials run as one nested fan-out (each trial a vote, each vote five calls over
 * HTTP on loopback).
 *
 * <p>Expected (binomial, X ~ Bin(5, 0.7)): majority right = P(X >= 3) = 0.83692. Threshold
 * consensus at 0.8 (at least 4 of 5 agree): consensus on the right answer P(X >= 4) = 0.52822, on
 * the wrong one P(X <= 1) = 0.03078, no consensus 0.44100. Tolerance: 4 standard errors of a
 * proportion over 2,000 trials (0.033 for the majority, 0.045 for the consensus rate). The run is
 * seeded, so it is reproducible; 4 standard errors keeps it from depending on the seed chosen.
 *
 * <p>The timeout only catches a hang; nothing here is timed. The 10,000 calls over loopback HTTP
 * take about 10 s on an idle 2-core machine and passed 120 s twice at a load average of 34-43
 * (other builds beside this one), so the guard is 300 s.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class VotingStatisticsTest {

  static final int TRIALS = 2000;
  static final double P = 0.7;

  static double binomialAtLeast(int n, int k, double p) {
    double sum = 0;
    for (int i = k; i <= n; i++) {
      sum += choose(n, i) * Math.pow(p, i) * Math.pow(1 - p, n - i);
    }
    return sum;
  }

  static double choose(int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }

  static double tolerance(double p, int n) {
    return 4 * Math.sqrt(p * (1 - p) / n);
  }

  @Test
  void fiveVotersRightWithProbabilityPointSevenGiveTheBinomialMajorityAndConsensusRates() {
    try (SimulatedVoters sim = new SimulatedVoters(20261122L, P, 256)) {
      List<Task<VotingResult>> trials = new ArrayList<>();
      for (int t = 0; t < TRIALS; t++) {
        trials.add(SimulatedVoters.trial(t, 5, Aggregators.majority()).build().asTask());
      }
      RunResult<VotingResult> run =
          sim.engine.run(trials, RunOptions.of(FailurePolicy.IGNORE).withLabel("jury"));
      assertThat(run.failures()).isEmpty();

      int majorityRight = 0;
      int consensusRight = 0;
      int consensusWrong = 0;
      int rightVotes = 0;
      int votes = 0;
      for (VotingResult r : run.values()) {
        assertThat(r.tally().validCount()).as("every answer parsed").isEqualTo(5);
        rightVotes += r.tally().counts().get("yes");
        votes += r.tally().validCount();
        if ("yes".equals(r.winner())) {
          majorityRight++;
        }
        // the same five answers under threshold consensus at 0.8
        Tally th = Aggregators.threshold(0.8).tally(Ballot.of(Choices.of(r.options()), r.votes()));
        if ("yes".equals(th.winner())) {
          consensusRight++;
        } else if ("no".equals(th.winner())) {
          consensusWrong++;
        }
      }
      double single = (double) rightVotes / votes;
      double majority = (double) majorityRight / TRIALS;
      double right = (double) consensusRight / TRIALS;
      double wrong = (double) consensusWrong / TRIALS;
      double expMajority = binomialAtLeast(5, 3, P);
      double expRight = binomialAtLeast(5, 4, P);
      double expWrong = 1 - binomialAtLeast(5, 2, P);
      System.out.printf(
          Locale.ROOT,
          "jury: %d trials, %d calls, single voter right %.4f (expected 0.7000)%n"
              + "  majority right %.4f (expected %.5f +/- %.3f)%n"
              + "  threshold 0.8: consensus right %.4f (expected %.5f +/- %.3f), consensus wrong %.4f (expected %.5f)"
              + ", elapsed %d ms%n",
          TRIALS,
          votes,
          single,
          majority,
          expMajority,
          tolerance(expMajority, TRIALS),
          right,
          expRight,
          tolerance(expRight, TRIALS),
          wrong,
          expWrong,
          run.elapsed().toMillis());
      assertThat(expMajority).isCloseTo(0.83692, within(1e-5));
      assertThat(single).isCloseTo(P, within(tolerance(P, votes)));
      assertThat(majority).isCloseTo(expMajority, within(tolerance(expMajority, TRIALS)));
      assertThat(right).isCloseTo(expRight, within(tolerance(expRight, TRIALS)));
      assertThat(wrong).isCloseTo(expWrong, within(tolerance(expWrong, TRIALS)));
      // voting helps: the majority beats a single voter
      assertThat(majority).isGreaterThan(single + 0.08);
    }
  }
}
