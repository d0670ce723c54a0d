package io.chorus.examples;

import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.providers.AnthropicProvider;
import io.chorus.providers.Secret;

/**
 * The Java example of the top-level README, compiled here: the lines between {@code README:begin}
 * and {@code README:end} are the README's Java block (ReadmeTest checks that they are equal, and
 * runs the example against the simulator).
 *
 * <p>{@code java io.chorus.examples.ReadmeExample} calls Anthropic with {@code ANTHROPIC_API_KEY}
 * ({@code ANTHROPIC_BASE_URL} to point it elsewhere, e.g. at {@code chorus sim}).
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  public static void main(String[] args) {
    String baseUrl =
        System.getenv().getOrDefault("ANTHROPIC_BASE_URL", AnthropicProvider.DEFAULT_BASE_URL);
    System.out.println(vote(baseUrl, System.getenv("ANTHROPIC_API_KEY")).toMarkdown());
  }

  /** The README's example: two moderators vote through an engine paced to 50 requests a minute. */
  static VotingResult vote(String baseUrl, String apiKey) {
    // README:begin
    try (Engine engine =
        Engine.builder()
            .provider(
                AnthropicProvider.builder().baseUrl(baseUrl).apiKey(Secret.of(apiKey)).build())
            .limits("anthropic", Limits.concurrency(8).withRequestsPerMinute(50))
            .build()) {
      return Voting.builder()
          .model("anthropic:claude-haiku-4-5")
          .prompt("Is 'rocks for brains' acceptable in a code review?")
          .options("acceptable", "needs_review", "rejected")
          .voter(Voter.named("strict").withSystem("You are a strict moderator."))
          .voter(Voter.named("lenient").withSystem("You are a lenient moderator."))
          .build()
          .run(engine);
    }
    // README:end
  }
}
