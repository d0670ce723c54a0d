package io.chorus.patterns.vote;

import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Aggregator} tallies: the question, the options, the votes cast so far.
 *
 * @param prompt the question put to the voters
 * @param choices the options; empty for free-text votes
 * @param votes the votes, in voter order
 * @param engine the engine, for aggregators that call a model (the judge); may be null in tests of
 *     aggregators that do not
 * @param defaultModel the vote's default model, or null
 */
public record Ballot(
    String prompt,
    Choices choices,
    List<Vote> votes,
    @Nullable Engine engine,
    @Nullable ModelId defaultModel) {
  public Ballot {
    votes = List.copyOf(votes);
  }

  public static Ballot of(Choices choices, List<Vote> votes) {
    return new Ballot("", choices, votes, null, null);
  }

  public List<Vote> validVotes() {
    return votes.stream().filter(Vote::valid).toList();
  }
}
