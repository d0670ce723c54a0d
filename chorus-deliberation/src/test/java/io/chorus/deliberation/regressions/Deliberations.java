package io.chorus.deliberation.regressions;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.RetryPolicy;
import io.chorus.deliberation.Deliberation;
import io.chorus.deliberation.DeliberationMeasures;
import io.chorus.deliberation.DeliberationResult;
import io.chorus.deliberation.Participant;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Two-participant deliberations (Claude on "anthropic", Grok on "xai") scripted by participant and
 * round.
 */
final class Deliberations {
  private Deliberations() {}

  static DeliberationResult run(int rounds, BiFunction<String, Integer, Reply> answer) {
    FakeClock clock = new FakeClock();
    FakeProvider anthropic = scripted("anthropic", answer);
    FakeProvider xai = scripted("xai", answer);
    try (Engine e =
        Engine.builder()
            .provider(anthropic)
            .provider(xai)
            .time(clock)
            .sleeper(clock)
            .seed(7)
            .retry(RetryPolicy.NONE)
            .build()) {
      return Deliberation.builder()
          .task("List 3 benefits of async programming in Python")
          .measures(DeliberationMeasures.semantic())
          .claims(Deliberation.ClaimExtraction.HEURISTIC)
          .random(new SplittableRandom(1))
          .participant(Participant.of("anthropic:claude-sonnet-4-5").withName("Claude"))
          .participant(Participant.of("xai:grok-4").withName("Grok"))
          .rounds(rounds)
          .converge(0.99)
          .build()
          .run(e);
    }
  }

  private static FakeProvider scripted(String name, BiFunction<String, Integer, Reply> answer) {
    return FakeProvider.builder(name)
        .responder(
            (ChatRequest r, int call) ->
                answer.apply(
                    r.metadata().get("participant"), Integer.parseInt(r.metadata().get("round"))))
        .build();
  }
}
