package io.chorus.deliberation;

import io.chorus.core.PatternResult;
import io.chorus.core.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a deliberation produced. Rendered by {@link CollaborationReport}. As a {@link
 * PatternResult} (a deliberation that is a voter or a section), its text is the unified plan, and
 * it is {@link #ok()} when the plan is more than one participant's answer or was synthesized.
 *
 * @param task the task deliberated
 * @param correlationId {@code collab_YYYYMMDD_HHMMSS_xxxx}
 * @param generatedAt when the result was assembled
 * @param participants the participants, in order
 * @param rounds every round, in order
 * @param stopReason why the deliberation stopped
 * @param convergenceTarget the convergence that ends it early
 * @param convergence the final round's convergence (NaN when fewer than two answered)
 * @param consensus the consensus level, by {@link ConsensusLevel#decide}
 * @param confidence the confidence with its parts
 * @param agreements claims held by all or most participants who answered
 * @param disagreements claims held by one participant only, or contradicted
 * @param unifiedPlan the synthesized plan (by the synthesizer model, or assembled from agreements)
 * @param planSource who wrote the plan: the synthesizer's model, or {@code assembled from
 *     agreements}
 * @param failures every failure of every round
 * @param degraded true when some participant's final answer is missing: consensus is over those who
 *     answered
 * @param synthetic true when any answer came from the simulator
 * @param measuredWith which embedder and claim method produced the measures
 * @param usage tokens used in all
 * @param costUsd cost in US dollars in all
 * @param calls model calls made
 * @param elapsed wall time
 */
public record DeliberationResult(
    String task,
    String correlationId,
    Instant generatedAt,
    List<Participant> participants,
    List<Round> rounds,
    StopReason stopReason,
    double convergenceTarget,
    double convergence,
    ConsensusLevel consensus,
    Confidence confidence,
    List<Point> agreements,
    List<Point> disagreements,
    String unifiedPlan,
    String planSource,
    List<ParticipantFailure> failures,
    boolean degraded,
    boolean synthetic,
    String measuredWith,
    Usage usage,
    double costUsd,
    int calls,
    Duration elapsed)
    implements PatternResult {

  public DeliberationResult {
    participants = List.copyOf(participants);
    rounds = List.copyOf(rounds);
    agreements = List.copyOf(agreements);
    disagreements = List.copyOf(disagreements);
    failures = List.copyOf(failures);
  }

  /** Why the rounds ended. */
  public enum StopReason {
    CONVERGED,
    MAX_ROUNDS,
    TOO_FEW_PARTICIPANTS,
    /**
     * The engine's {@link io.chorus.core.Budget} admitted no more calls: the deliberation ended
     * with the answers it had (each participant's latest), not as a failure.
     */
    BUDGET
  }

  /** The unified plan, or "" when {@link #ok()} is false. */
  @Override
  public String text() {
    return ok() ? unifiedPlan : "";
  }

  /**
   * What a plain vote with the same number of calls would have cost: {@link #calls()} times the
   * mean cost of a first-round answer (the prompt a voter would get, without the other answers
   * revisions carry); 0 when no first-round answer was paid for.
   */
  public double plainVoteCostUsd() {
    if (rounds.isEmpty()) {
      return 0;
    }
    double sum = 0;
    int n = 0;
    for (Contribution c : rounds.get(0).contributions()) {
      if (c.answered() && c.costUsd() > 0) {
        sum += c.costUsd();
        n++;
      }
    }
    return n == 0 ? 0 : calls * sum / n;
  }

  /**
   * The cost phrase of every deliberation report: the cost, what a plain vote of as many calls
   * would have cost, and the prompt-cache tokens; labelled {@code (synthetic)} when answers were.
   */
  public String costText() {
    String label = synthetic ? " (synthetic)" : "";
    String s = io.chorus.common.internal.Money.usd(costUsd) + label;
    double vote = plainVoteCostUsd();
    if (vote > 0) {
      s +=
          " (a plain vote of "
              + calls
              + " calls: ~"
              + io.chorus.common.internal.Money.usd(vote)
              + label
              + ")";
    }
    return s
        + io.chorus.common.internal.Money.cacheNote(
            usage.cacheWriteTokens(), usage.cacheReadTokens());
  }

  /**
   * Whether the deliberation produced a plan: at least two participants answered in the final
   * round, or the synthesizer wrote one from the answers there were.
   */
  @Override
  public boolean ok() {
    long answered =
        stopReason == StopReason.BUDGET
            ? closingAnswers()
            : lastRound().contributions().stream().filter(Contribution::answered).count();
    return answered >= 2
        || answered == 1 && planSource != null && planSource.startsWith("synthesized by ");
  }

  /**
   * How many participants the plan stands on when the budget stopped the deliberation: those whose
   * latest call answered (a call the budget refused leaves the participant's earlier answer
   * standing; a failed one does not).
   */
  private long closingAnswers() {
    java.util.Map<String, Boolean> standing = new java.util.HashMap<>();
    for (Round r : rounds) {
      for (Contribution c : r.contributions()) {
        if (c.answered()) {
          standing.put(c.participant(), true);
        } else if (c.failure() == null || !"budget".equals(c.failure().errorKind())) {
          standing.put(c.participant(), false);
        }
      }
    }
    return standing.values().stream().filter(b -> b).count();
  }

  /** The Collaboration Plan in Markdown ({@link CollaborationReport#toMarkdown}). */
  @Override
  public String toMarkdown() {
    return CollaborationReport.toMarkdown(this);
  }

  /** The Collaboration Plan as JSON ({@link CollaborationReport#toJson}). */
  @Override
  public String toJson() {
    return CollaborationReport.toJson(this);
  }

  /** The last round. */
  /**
   * The participants any of whose answers came from the simulator, in order: in a run that mixes
   * real and simulated participants, the ones whose text is synthetic.
   */
  public List<String> simulatedParticipants() {
    return participants.stream()
        .map(Participant::name)
        .filter(
            name ->
                rounds.stream()
                    .flatMap(x -> x.contributions().stream())
                    .anyMatch(c -> c.participant().equals(name) && c.synthetic()))
        .toList();
  }

  /**
   * The line a report opens with when answers were synthetic: every participant simulated, or which
   * ones were; null when none was.
   */
  public String syntheticNote() {
    List<String> sim = simulatedParticipants();
    if (!synthetic && sim.isEmpty()) {
      return null;
    }
    if (sim.isEmpty() || sim.size() == participants.size()) {
      return "Synthetic run. Answers came from the built-in simulator, not from real models;"
          + " the measures are computed for real, on synthetic text.";
    }
    return "Partly synthetic run. Simulated (answers from the built-in simulator, not a real model): "
        + String.join(", ", sim)
        + "; the others answered from real models.";
  }

  public Round lastRound() {
    return rounds.get(rounds.size() - 1);
  }
}
