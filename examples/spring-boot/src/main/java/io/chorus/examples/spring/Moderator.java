package io.chorus.examples.spring;

import io.chorus.core.Engine;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.patterns.vote.VotingResult;
import org.springframework.stereotype.Service;

/** Decides whether a comment may be shown: a vote of a strict, a lenient and a second model. */
@Service
public class Moderator {
  private final Engine engine;

  public Moderator(Engine engine) {
    this.engine = engine;
  }

  /** The vote on {@code comment}. */
  public VotingResult moderate(String comment) {
    return Voting.builder()
        .model("openai:gpt-4o-mini")
        .prompt("Is this comment acceptable?\n\n" + comment)
        .options("acceptable", "needs_review", "rejected")
        .voter(Voter.named("strict").withSystem("You are a strict moderator."))
        .voter(Voter.named("lenient").withSystem("You are a lenient moderator."))
        .voter(Voter.named("second-opinion").withModel("openai:gpt-4.1"))
        .build()
        .run(engine);
  }
}
