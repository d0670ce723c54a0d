package io.chorus.patterns.functional;

import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.patterns.vote.Aggregator;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.providers.AnthropicProvider;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Rule;
import io.chorus.sim.Simulator;
import io.chorus.sim.VoteSpec;

/**
 * The in-process simulator on loopback with scripted voters: every answer to a yes/no question is
 * "yes" (right) with probability {@code accuracy}, drawn from the simulator seed and the request
 * body, so each distinct request is an independent trial and the same request always gets the same
 * answer.
 */
final class SimulatedVoters implements AutoCloseable {

  final Simulator sim;
  final Engine engine;

  SimulatedVoters(long seed, double accuracy, int concurrency) {
    sim =
        Simulator.builder()
            .seed(seed)
            .model("fast", ModelBehaviour.INSTANT)
            .rule(
                Rule.builder()
                    .userContains("Trial")
                    .vote(
                        VoteSpec.builder()
                            .correct("yes")
                            .options("yes", "no")
                            .accuracy(accuracy)
                            .json(true)
                            .build()))
            .start();
    engine =
        Engine.builder()
            .provider(
                AnthropicProvider.builder()
                    .name("sim")
                    .baseUrl(sim.baseUrl())
                    .synthetic(true)
                    .build())
            .defaultLimits(Limits.concurrency(concurrency))
            .seed(seed)
            .build();
  }

  /**
   * Trial {@code t}: five voters, each with its own persona so that their requests (and so their
   * draws) differ.
   */
  static Voting.Builder trial(int t, int voters, Aggregator aggregator) {
    Voting.Builder b =
        Voting.builder()
            .name("trial-" + t)
            .model("sim:fast")
            .prompt("Trial " + t + ": is the statement true?")
            .options("yes", "no")
            .aggregator(aggregator)
            .maxTokens(200);
    for (int v = 1; v <= voters; v++) {
      b.voter(Voter.named("voter-" + v).withSystem("You are independent voter number " + v + "."));
    }
    return b;
  }

  @Override
  public void close() {
    engine.close();
    sim.close();
  }
}
