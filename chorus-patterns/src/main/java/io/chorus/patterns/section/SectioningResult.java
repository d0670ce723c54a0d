package io.chorus.patterns.section;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.chorus.common.internal.Json;
import io.chorus.common.internal.MarkdownTable;
import io.chorus.common.internal.Money;
import io.chorus.core.CallRecord;
import io.chorus.core.FailurePolicy;
import io.chorus.core.PatternResult;
import io.chorus.core.Usage;
import io.chorus.patterns.internal.CallRecordJson;
import io.chorus.patterns.internal.Markdown;
import io.chorus.patterns.vote.VotingResult;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The result of one {@link Sectioning} run.
 *
 * @param name the sectioning's name
 * @param merged the merged output of the successful sections, in declared order
 * @param sections every section's outcome, in declared order
 * @param successful names of the sections that succeeded
 * @param failed names of the sections that did not (failed, cancelled or timed out)
 * @param mergeCall the LLM merge's call, or null for other merges
 * @param policy the failure policy it ran under
 * @param runFailure why the run failed under its policy, or null
 * @param elapsedMs wall time, in milliseconds
 * @param usage tokens over every call, nested ones and the merge included
 * @param costUsd cost in US dollars over the same calls
 */
public record SectioningResult(
    String name,
    String merged,
    List<SectionOutcome> sections,
    List<String> successful,
    List<String> failed,
    @JsonSerialize(using = CallRecordJson.class) @Nullable CallRecord mergeCall,
    String policy,
    @Nullable String runFailure,
    long elapsedMs,
    Usage usage,
    double costUsd)
    implements PatternResult {

  public SectioningResult {
    sections = List.copyOf(sections);
    successful = List.copyOf(successful);
    failed = List.copyOf(failed);
  }

  static SectioningResult of(
      String name,
      List<SectionOutcome> outcomes,
      Merge.Merged merged,
      FailurePolicy policy,
      String runFailure,
      long elapsedMs) {
    Usage usage = Usage.ZERO;
    double cost = 0;
    for (SectionOutcome o : outcomes) {
      usage = usage.plus(o.call().usage());
      cost += o.call().costUsd();
    }
    if (merged.call() != null) {
      usage = usage.plus(merged.call().usage());
      cost += merged.call().costUsd();
    }
    return new SectioningResult(
        name,
        merged.text(),
        outcomes,
        outcomes.stream().filter(SectionOutcome::succeeded).map(SectionOutcome::name).toList(),
        outcomes.stream().filter(o -> !o.succeeded()).map(SectionOutcome::name).toList(),
        merged.call(),
        policy.spec(),
        runFailure,
        elapsedMs,
        usage,
        cost);
  }

  @Override
  public String text() {
    return merged;
  }

  /** At least one section succeeded and the run did not fail under its policy. */
  @Override
  public boolean ok() {
    return runFailure == null && !successful.isEmpty();
  }

  /** The outcome of the section named {@code sectionName}. */
  public SectionOutcome section(String sectionName) {
    return sections.stream()
        .filter(s -> s.name().equals(sectionName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no section named '" + sectionName + "'"));
  }

  /** Whether any section's call (nested ones and the merge included) went to the simulator. */
  @Override
  @com.fasterxml.jackson.annotation.JsonProperty("synthetic")
  public boolean synthetic() {
    return sections.stream()
            .anyMatch(s -> s.nested() != null ? s.nested().synthetic() : s.call().synthetic())
        || (mergeCall != null && mergeCall.synthetic());
  }

  @Override
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder("# ").append(name).append("\n\n");
    if (synthetic()) {
      sb.append(Markdown.SYNTHETIC_BANNER);
    }
    boolean votes = sections.stream().anyMatch(s -> s.nested() instanceof VotingResult);
    sb.append(successful.size())
        .append(" of ")
        .append(sections.size())
        .append(" sections succeeded (policy ")
        .append(policy)
        .append(")");
    if (runFailure != null) {
      sb.append(". **Run failed:** ").append(MarkdownTable.cell(runFailure, 300));
    }
    sb.append("\n\n| Section | Status | Model | Tokens | Cost | Time | Attempts |")
        .append(votes ? " Decision | Consensus |" : "")
        .append(" Cause |\n|---|---|---|---:|---:|---:|---:|")
        .append(votes ? "---|---|" : "")
        .append("---|\n");
    for (SectionOutcome s : sections) {
      CallRecord c = s.call();
      sb.append("| ")
          .append(MarkdownTable.cell(s.name(), 40))
          .append(" | ")
          .append(CallRecordJson.status(s.status()))
          .append(" | ")
          .append(s.nested() != null ? "nested: " + c.modelShown() : c.modelShown())
          .append(" | ")
          .append(c.usage().totalTokens())
          .append(" | ")
          .append(Money.usd(c.costUsd()))
          .append(" | ")
          .append(c.elapsedMillis())
          .append(" ms | ")
          .append(c.attempts().size())
          .append(" |");
      if (votes) {
        if (s.nested() instanceof VotingResult v) {
          sb.append(' ')
              .append(MarkdownTable.cell(v.winner() == null ? "none" : v.winner(), 60))
              .append(" | ")
              .append(v.consensus() ? "yes" : "no")
              .append(
                  String.format(
                      Locale.ROOT,
                      " (%s, %d of %d valid)",
                      Markdown.pct(v.tally().agreement()),
                      v.tally().validCount(),
                      v.voters()))
              .append(" |");
        } else {
          sb.append(" | |");
        }
      }
      sb.append(' ')
          .append(
              s.succeeded()
                  ? ""
                  : MarkdownTable.cell(
                      io.chorus.core.Outcome.errorLine(c.errorKind(), c.errorMessage()), 160))
          .append(" |\n");
    }
    if (mergeCall != null && !mergeCall.succeeded()) {
      sb.append("\nThe LLM merge failed (")
          .append(mergeCall.errorKind())
          .append(": ")
          .append(mergeCall.errorMessage())
          .append("); sections are joined under headings instead.\n");
    }
    sb.append("\nTotal: ")
        .append(Markdown.tokens(usage))
        .append(" tokens · ")
        .append(Money.withPer(costUsd, sections.size(), "section", synthetic()))
        .append(Money.cacheNote(usage.cacheWriteTokens(), usage.cacheReadTokens()))
        .append(" · ")
        .append(elapsedMs)
        .append(" ms\n\n---\n\n")
        .append(merged.strip())
        .append('\n');
    for (SectionOutcome s : sections) {
      if (s.nested() != null) {
        sb.append("\n---\n\n<details><summary>")
            .append(s.name())
            .append("</summary>\n\n")
            .append(s.nested().toMarkdown().strip())
            .append("\n\n</details>\n");
      }
    }
    return sb.toString();
  }

  @Override
  public String toJson() {
    return Json.pretty(this);
  }
}
