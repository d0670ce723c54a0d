package io.chorus.patterns.vote;

import io.chorus.core.CallRecord;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * LLM synthesis: a judge model reads every valid answer and writes one merged answer, saying how
 * much the answers agreed. The merged answer is the {@link Tally#winner()}; the judge's stated
 * agreement (read as a {@link Confidence}) is {@link Tally#agreement()}, and {@code consensus} is
 * {@code agreement >= threshold}. When the judge call fails or its answer is empty, there is no
 * winner and the tally's {@link Tally#aggregationCall()} carries the cause. The judge's call goes
 * through the ballot's engine, so it shares the engine's limits. Immutable and thread-safe.
 */
public final class JudgeSynthesis implements Aggregator {

  private final ModelId judge;
  private final double threshold;
  private final String instruction;

  /**
   * @param judge the judge model, or null for the vote's default model
   * @param threshold the agreement needed for consensus
   * @param instruction what the merged answer must be (e.g. "the best French translation"), or null
   */
  public JudgeSynthesis(ModelId judge, double threshold, String instruction) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("consensus threshold must be in (0, 1], was " + threshold);
    }
    this.judge = judge;
    this.threshold = threshold;
    this.instruction = instruction == null ? "the single best answer" : instruction;
  }

  @Override
  public String name() {
    return String.format(
        Locale.ROOT,
        "judge(%s, consensus>=%.2f)",
        judge == null ? "default model" : judge,
        threshold);
  }

  /** The prompt the judge receives. */
  String prompt(Ballot ballot) {
    StringBuilder sb = new StringBuilder();
    sb.append("Several answers were given independently to the same task.\n\nTask:\n")
        .append(ballot.prompt().strip())
        .append("\n\nAnswers:\n");
    List<Vote> valid = ballot.validVotes();
    for (int i = 0; i < valid.size(); i++) {
      sb.append("\n[")
          .append(i + 1)
          .append("] (")
          .append(valid.get(i).voter())
          .append(")\n")
          .append(valid.get(i).choice().strip())
          .append('\n');
    }
    sb.append("\nWrite ")
        .append(instruction)
        .append(
            ", keeping the best of each answer and resolving contradictions. Then say how much the answers"
                + " agreed in meaning.\nReply with JSON only:\n")
        .append(
            "{\"decision\": \"<the merged answer>\", \"confidence\": \"high|medium|low (how much the answers"
                + " agreed)\", \"reasoning\": \"<one sentence>\"}");
    return sb.toString();
  }

  @Override
  public Tally tally(Ballot ballot) {
    List<Vote> valid = ballot.validVotes();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Vote v : valid) {
      counts.merge(v.choice(), 1, Integer::sum);
    }
    if (valid.isEmpty()) {
      return new Tally(
          name(),
          null,
          null,
          counts,
          Map.of(),
          0,
          0,
          false,
          threshold,
          null,
          List.of(),
          null,
          ballot.votes());
    }
    ModelId model = judge != null ? judge : ballot.defaultModel();
    Objects.requireNonNull(model, "judge model (no judge and no default model given)");
    Objects.requireNonNull(ballot.engine(), "the judge needs an engine");
    ChatRequest request =
        ChatRequest.builder(model)
            .system("You are an impartial judge who merges several answers into one.")
            .user(prompt(ballot))
            .temperature(0.0)
            .metadata("pattern", "vote")
            .metadata("role", "judge")
            .build();
    Outcome<ChatResponse> outcome = ballot.engine().call(request);
    CallRecord call = CallRecord.of(model.toString(), outcome);
    String merged = null;
    double agreement = 0;
    if (outcome instanceof Outcome.Success<ChatResponse> s) {
      var parsed = AnswerParser.forFreeText().parse(s.value().text());
      if (parsed.isPresent()) {
        merged = parsed.get().decision();
        agreement = parsed.get().confidence().value();
      }
    }
    return new Tally(
        name(),
        merged,
        merged,
        counts,
        Map.of(),
        0,
        agreement,
        merged != null && agreement >= threshold - 1e-12,
        threshold,
        null,
        List.of(),
        call,
        ballot.votes());
  }
}
