package io.chorus.patterns.vote;

import io.chorus.common.internal.Json;
import io.chorus.common.internal.MarkdownTable;
import io.chorus.common.internal.Money;
import io.chorus.core.PatternResult;
import io.chorus.core.Usage;
import io.chorus.patterns.internal.Markdown;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of one {@link Voting} run: the tally (which holds every vote), what it cost, and how
 * many calls adaptive stopping saved.
 *
 * @param name the vote's name
 * @param prompt the question as the user gave it
 * @param options the options, empty for free-text votes
 * @param tally the aggregated votes
 * @param voters how many voters were declared
 * @param callsMade calls started (voters launched, plus the judge's call if any); a call cancelled
 *     in flight counts here and in {@code callsSaved}
 * @param callsSaved voters never launched, or cancelled before they answered, because the outcome
 *     was settled (adaptive voting)
 * @param adaptive the early-stopping mode used
 * @param elapsedMs wall time of the whole vote, in milliseconds
 * @param usage tokens over every call, failed and cancelled ones included
 * @param costUsd cost over every call in US dollars
 * @param runFailure why the voters' fan-out failed under its failure policy, or null
 */
public record VotingResult(
    String name,
    String prompt,
    List<String> options,
    Tally tally,
    int voters,
    int callsMade,
    int callsSaved,
    String adaptive,
    long elapsedMs,
    Usage usage,
    double costUsd,
    @Nullable String runFailure)
    implements PatternResult {

  public VotingResult {
    options = List.copyOf(options);
  }

  static VotingResult of(
      Voting voting, Tally tally, long elapsedMs, Adaptive adaptive, String runFailure) {
    Usage usage = Usage.ZERO;
    double cost = 0;
    int made = 0;
    int saved = 0;
    for (Vote v : tally.votes()) {
      usage = usage.plus(v.call().usage());
      cost += v.call().costUsd();
      if (v.status() == Vote.Status.NOT_RUN
          && v.problem() != null
          && v.problem().contains("settled")) {
        saved++;
      }
      if (!v.call().attempts().isEmpty()) {
        made++;
      }
    }
    if (tally.aggregationCall() != null) {
      usage = usage.plus(tally.aggregationCall().usage());
      cost += tally.aggregationCall().costUsd();
      made++;
    }
    return new VotingResult(
        voting.name,
        voting.prompt,
        voting.choices.options(),
        tally,
        voting.voters.size(),
        made,
        saved,
        adaptive.toString(),
        elapsedMs,
        usage,
        cost,
        runFailure);
  }

  /** The decision (winner or synthesis), or "" when there is none. */
  @Override
  public String text() {
    return tally.winner() == null ? "" : tally.winner();
  }

  /** The vote produced a decision and its fan-out did not fail under the policy. */
  @Override
  public boolean ok() {
    return tally.winner() != null && runFailure == null;
  }

  public @Nullable String winner() {
    return tally.winner();
  }

  public boolean consensus() {
    return tally.consensus();
  }

  public List<Vote> votes() {
    return tally.votes();
  }

  @Override
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    Tally t = tally;
    sb.append("## Vote: ").append(name).append("\n\n");
    if (synthetic()) {
      sb.append(Markdown.SYNTHETIC_BANNER);
    }
    sb.append("**Decision:** ")
        .append(t.winner() == null ? "none" : MarkdownTable.cell(t.winner(), 300));
    if (t.winner() == null && t.leader() != null) {
      sb.append(" (leading: ")
          .append(MarkdownTable.cell(t.leader(), 120))
          .append(", no consensus)");
    }
    sb.append("  \n**Consensus:** ")
        .append(t.consensus() ? "yes" : "no")
        .append(" (agreement ")
        .append(Markdown.pct(t.agreement()))
        .append(", threshold ")
        .append(Markdown.pct(t.threshold()))
        .append(", margin ")
        .append(Markdown.num(t.margin()))
        .append(")  \n")
        .append("**Aggregator:** ")
        .append(t.aggregator())
        .append("  \n");
    if (t.tieBreak() != null) {
      sb.append("**Tie-break:** ").append(t.tieBreak()).append("  \n");
    }
    sb.append("**Votes:** ")
        .append(t.validCount())
        .append(" valid, ")
        .append(t.invalid().size())
        .append(" invalid, ")
        .append(t.failed().size())
        .append(" failed, ")
        .append(t.notRun().size())
        .append(" not run, of ")
        .append(voters)
        .append("  \n");
    if (stoppedByBudget()) {
      sb.append("**Stopped by the budget:** ")
          .append(notRunByBudget())
          .append(" of ")
          .append(voters)
          .append(" voters not run (the budget admitted no more calls); the tally is over the ")
          .append(voters - notRunByBudget())
          .append(" that ran  \n");
    }
    if (runFailure != null) {
      sb.append("**Run failed under its failure policy:** ")
          .append(MarkdownTable.cell(runFailure, 300))
          .append("  \n");
    }
    if (!t.counts().isEmpty() && t.groups().isEmpty()) {
      sb.append("\n| Choice | Votes | Score |\n|---|---:|---:|\n");
      for (Map.Entry<String, Integer> e : t.counts().entrySet()) {
        Double score = t.scores().get(e.getKey());
        sb.append("| ")
            .append(MarkdownTable.cell(e.getKey(), 80))
            .append(" | ")
            .append(e.getValue())
            .append(" | ")
            .append(score == null ? "" : Markdown.num(score))
            .append(" |\n");
      }
    }
    if (!t.groups().isEmpty()) {
      sb.append("\n| Answer group (representative) | Voters | Mean similarity |\n|---|---|---:|\n");
      for (AnswerGroup g : t.groups()) {
        sb.append("| ")
            .append(MarkdownTable.cell(g.representative(), 100))
            .append(" | ")
            .append(String.join(", ", g.voters()))
            .append(" | ")
            .append(Markdown.num(g.meanSimilarity()))
            .append(" |\n");
      }
    }
    sb.append(
            "\n| Voter | Model | Status | Choice | Confidence | Reasoning or cause | Tokens | Time |\n")
        .append("|---|---|---|---|---|---|---:|---:|\n");
    for (Vote v : t.votes()) {
      String detail = v.valid() ? v.reasoning() : v.problem();
      sb.append("| ")
          .append(MarkdownTable.cell(v.voter(), 40))
          .append(" | ")
          .append(v.call().modelShown())
          .append(" | ")
          .append(v.status().name().toLowerCase(java.util.Locale.ROOT))
          .append(" | ")
          .append(MarkdownTable.cell(v.choice() != null ? v.choice() : v.decision(), 60))
          .append(" | ")
          .append(
              v.status() == Vote.Status.VALID || v.status() == Vote.Status.INVALID
                  ? MarkdownTable.cell(v.confidence().label(), 20)
                  : "")
          .append(" | ")
          .append(MarkdownTable.cell(detail, 160))
          .append(" | ")
          .append(v.call().usage().totalTokens())
          .append(" | ")
          .append(v.call().elapsedMillis())
          .append(" ms |\n");
    }
    for (Vote v : t.invalid()) {
      sb.append("\nInvalid answer from **")
          .append(v.voter())
          .append("** (")
          .append(v.problem())
          .append("):\n\n```\n")
          .append(v.rawText() == null ? "" : v.rawText().strip())
          .append("\n```\n");
    }
    if (t.aggregationCall() != null && !t.aggregationCall().succeeded()) {
      sb.append("\nThe judge's call failed: ")
          .append(t.aggregationCall().errorKind())
          .append(": ")
          .append(t.aggregationCall().errorMessage())
          .append('\n');
    }
    sb.append("\nCalls: ").append(callsMade).append(" made");
    if (callsSaved > 0) {
      sb.append(", ")
          .append(callsSaved)
          .append(" saved by adaptive stopping (")
          .append(adaptive)
          .append(')');
    }
    sb.append(" · Tokens: ")
        .append(Markdown.tokens(usage))
        .append(" · Cost: ")
        .append(Money.withPer(costUsd, callsMade, "vote", synthetic()))
        .append(Money.cacheNote(usage.cacheWriteTokens(), usage.cacheReadTokens()))
        .append(" · Time: ")
        .append(elapsedMs)
        .append(" ms\n");
    return sb.toString();
  }

  /**
   * Whether the budget stopped the vote: some voters were not run because the engine's {@link
   * io.chorus.core.Budget} admitted no more calls. The tally is then over the votes that ran (a
   * decision when they reach one), and {@link #toMarkdown()} says so at the top.
   */
  @com.fasterxml.jackson.annotation.JsonProperty("stoppedByBudget")
  public boolean stoppedByBudget() {
    return notRunByBudget() > 0;
  }

  /** How many voters the budget kept from running (refused, or not launched after a refusal). */
  @com.fasterxml.jackson.annotation.JsonProperty("notRunByBudget")
  public int notRunByBudget() {
    return (int) tally.votes().stream().filter(VoteRun::byBudget).count();
  }

  /** Whether any voter's call (or the judge's) went to the simulator. */
  @Override
  @com.fasterxml.jackson.annotation.JsonProperty("synthetic")
  public boolean synthetic() {
    return tally.votes().stream().anyMatch(v -> v.call().synthetic())
        || (tally.aggregationCall() != null && tally.aggregationCall().synthetic());
  }

  @Override
  public String toJson() {
    return Json.pretty(this);
  }
}
