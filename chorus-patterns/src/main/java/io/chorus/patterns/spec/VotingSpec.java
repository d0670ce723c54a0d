package io.chorus.patterns.spec;

import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.patterns.vote.Adaptive;
import io.chorus.patterns.vote.Aggregator;
import io.chorus.patterns.vote.AnswerFormat;
import io.chorus.patterns.vote.SynonymTable;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@code voters.yaml}: voters, options and how their votes are aggregated.
 *
 * <pre>{@code
 * kind: vote                  # optional when 'voters' or 'samples' is present
 * name: moderation
 * model: sim:fast             # default model of the voters
 * prompt: "..."               # optional; the CLI's prompt argument replaces it
 * options: [acceptable, needs_review, rejected]   # omit for free-text votes
 * aggregator: majority        # majority | threshold | weighted | confidence | borda | judge | semantic
 * threshold: 0.6              # consensus threshold
 * judge: sim:smart            # judge model (aggregator: judge)
 * similarity: 0.75            # same-meaning cosine (aggregator: semantic; default: the embedder's)
 * embedder: standard          # standard | minilm | hashed (aggregator: semantic)
 * ranked: false               # ask voters to rank every option (aggregator: borda)
 * format: json                # json | lines: how voters are asked to answer
 * adaptive: off               # off | cancel | waves:N
 * policy: ignore
 * synonyms: [[lgtm, acceptable]]
 * voters:
 *   - name: strict_moderator
 *     system: "You are a strict content moderator..."
 *     temperature: 0.3
 *     model: anthropic:claude-haiku-4-5   # optional
 *     weight: 2                           # optional, default 1
 * samples: {count: 5, temperature: 0.8}   # self-consistency instead of (or besides) voters
 * }</pre>
 *
 * @param file where it was loaded from
 * @param name the vote's name
 * @param model the default model, or null
 * @param prompt the spec's own prompt, or null
 * @param options the options, empty for free text
 * @param voters the voters, samples included
 * @param aggregator makes the aggregator (lazily: a semantic one loads an embedding model)
 * @param policy the failure policy
 * @param adaptive early stopping
 * @param ranked whether voters rank the options
 * @param format how voters are asked to answer
 * @param synonyms the synonym table
 * @param maxTokens max output tokens per voter
 */
public record VotingSpec(
    Path file,
    String name,
    @Nullable ModelId model,
    @Nullable String prompt,
    List<String> options,
    List<Voter> voters,
    Supplier<Aggregator> aggregator,
    FailurePolicy policy,
    Adaptive adaptive,
    boolean ranked,
    AnswerFormat format,
    SynonymTable synonyms,
    int maxTokens)
    implements PatternSpec {

  public VotingSpec {
    options = List.copyOf(options);
    voters = List.copyOf(voters);
  }

  @Override
  public String kind() {
    return "vote";
  }

  /**
   * A builder holding everything in the spec, for callers (the CLI) that override some of it. When
   * the spec's prompt is a template using {@code {{input}}}, {@code question} fills it in (a batch
   * line's input reaches the voters inside the spec's prompt); otherwise {@code question} replaces
   * the spec's prompt.
   */
  public Voting.Builder builder(String question) {
    String q;
    if (question != null
        && prompt != null
        && io.chorus.patterns.PromptTemplate.of(prompt).variables().contains("input")) {
      q = io.chorus.patterns.PromptTemplate.of(prompt).render(java.util.Map.of("input", question));
    } else {
      q =
          SpecException.givenOrOwn(
              file,
              question,
              prompt,
              "prompt",
              "no prompt: give one on the command line or set 'prompt' in the spec");
    }
    return Voting.builder()
        .name(name)
        .model(model)
        .prompt(q)
        .options(options)
        .voters(voters)
        .aggregator(aggregator.get())
        .policy(policy)
        .adaptive(adaptive)
        .ranked(ranked)
        .format(format)
        .synonyms(synonyms)
        .maxTokens(maxTokens);
  }

  @Override
  public Voting toPattern(String question) {
    return SpecException.whileBuilding(file, "voters", () -> builder(question).build());
  }
}
