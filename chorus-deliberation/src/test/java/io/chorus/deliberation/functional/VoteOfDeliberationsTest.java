package io.chorus.deliberation.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.deliberation.Deliberation;
import io.chorus.deliberation.DeliberationMeasures;
import io.chorus.deliberation.Participant;
import io.chorus.patterns.vote.Vote;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A vote whose voters are deliberations: each panel deliberates on the vote's own prompt (its
 * options and answer format included) on the vote's engine, and its synthesized plan is read as
 * that voter's answer. A panel that produces no plan is a failed vote that keeps what it cost.
 */
class VoteOfDeliberationsTest {

  static final String PROPOSAL =
      """
      1. A rewrite in Rust removes the garbage collector's pauses from the hot path.
      2. The team knows Java far better than Rust, so the rewrite costs months.
      """;

  @Test
  void aVoteOfDeliberationPanelsCountsEachPanelsSynthesisAsOneVote() {
    List<ChatRequest> seen = new CopyOnWriteArrayList<>();
    // panel A's participants answer, its synthesizer says "no"; panel B's say "yes"; panel C's
    // participants are all unavailable
    FakeProvider members =
        FakeProvider.builder("members")
            .responder(
                (req, call) -> {
                  seen.add(req);
                  return req.model().model().startsWith("down")
                      ? Reply.error(new ProviderError.ServerError("upstream 503", 503))
                      : Reply.text(PROPOSAL);
                })
            .build();
    FakeProvider judges =
        FakeProvider.builder("judges")
            .responder(
                (req, call) -> {
                  seen.add(req);
                  String decision = req.model().model().equals("judge-b") ? "yes" : "no";
                  return Reply.text(
                      "{\"decision\": \""
                          + decision
                          + "\", \"confidence\": \"high\", \"reasoning\": \"weighed both\"}");
                })
            .build();
    FakeClock clock = new FakeClock();
    try (Engine engine =
        Engine.builder()
            .provider(members)
            .provider(judges)
            .time(clock)
            .sleeper(clock)
            .seed(7)
            .retry(RetryPolicy.NONE)
            .build()) {
      Voting vote =
          Voting.builder()
              .name("rewrite")
              .prompt("Should we rewrite the matching engine in Rust?")
              .options("yes", "no")
              .voter(Voter.nested("panel-a", prompt -> panel(prompt, "a", "judges:judge-a")))
              .voter(Voter.nested("panel-b", prompt -> panel(prompt, "b", "judges:judge-b")))
              .voter(Voter.nested("panel-a2", prompt -> panel(prompt, "a2", "judges:judge-a")))
              .voter(Voter.nested("panel-c", prompt -> panel(prompt, "down", "judges:judge-c")))
              .build();

      VotingResult r = vote.run(engine);

      assertThat(r.winner()).isEqualTo("no");
      assertThat(r.votes())
          .extracting(Vote::status)
          .containsExactly(
              Vote.Status.VALID, Vote.Status.VALID, Vote.Status.VALID, Vote.Status.FAILED);
      assertThat(r.votes()).extracting(Vote::choice).containsExactly("no", "yes", "no", null);
      Vote failed = r.votes().get(3);
      assertThat(failed.problem()).startsWith("nested_failed").contains("'deliberation-down'");
      assertThat(failed.call().modelShown()).isEqualTo("deliberation-down");
      // every panel deliberated on the vote's prompt, options and answer format
      assertThat(seen)
          .filteredOn(q -> "deliberate".equals(q.metadata().get("pattern")))
          .allSatisfy(
              q ->
                  assertThat(q.lastUserMessage())
                      .contains("Should we rewrite the matching engine in Rust?")
                      .contains("You must choose exactly one of these options: yes, no"));
      // the vote's cost is its panels' cost: 2 participants + 1 synthesizer for each panel that
      // answered,
      // 2 failed participant calls for panel C (which writes no synthesis)
      assertThat(seen).hasSize(3 * 3 + 2);
      assertThat(r.votes().subList(0, 3))
          .allSatisfy(v -> assertThat(v.call().usage().totalTokens()).isPositive());
      assertThat(r.usage().totalTokens())
          .isEqualTo(r.votes().stream().mapToLong(v -> v.call().usage().totalTokens()).sum());
    }
  }

  static Deliberation panel(String task, String suffix, String synthesizer) {
    return Deliberation.builder()
        .name("deliberation-" + suffix)
        .task(task)
        .measures(DeliberationMeasures.semantic())
        .claims(Deliberation.ClaimExtraction.HEURISTIC)
        .random(new SplittableRandom(1))
        .participant(Participant.of("members:" + suffix + "-one").withName("One"))
        .participant(Participant.of("members:" + suffix + "-two").withName("Two"))
        .rounds(1)
        .synthesizer(ModelId.parse(synthesizer))
        .build();
  }
}
