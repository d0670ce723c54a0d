package io.chorus.deliberation;

import io.chorus.core.Attempt;
import io.chorus.core.Budget;
import io.chorus.core.Call;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.Pattern;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.TimeSource;
import io.chorus.core.Usage;
import io.chorus.semantics.Claim;
import io.chorus.semantics.Claims;
import io.chorus.semantics.ParsedClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A deliberation among two or more participants.
 *
 * <h2>Protocol</h2>
 *
 * <ol>
 *   <li>Round 1: every participant answers the task independently; all in parallel.
 *   <li>Round n > 1: every participant sees the others' latest answers (labelled "Participant A",
 *       "Participant B"... when anonymized, else by name) and its own, states agreements and
 *       disagreements, and writes a revised answer; all in parallel.
 *   <li>After each round the semantic convergence of the answers is measured; the deliberation
 *       stops when it reaches the target, after the maximum number of rounds, or when fewer than
 *       two participants can answer.
 *   <li>Optionally, a synthesizer model writes the unified plan from the final answers; otherwise
 *       the plan is assembled from the agreements, and disputed points are listed as open.
 * </ol>
 *
 * A participant that fails is retried and falls back as the engine's policies (and its own fallback
 * chain) say; if it still fails, the result names the model, the error class, the attempts and the
 * fallbacks tried, and the consensus is computed over those who answered and marked degraded.
 *
 * <p>A deliberation is a {@link Pattern}: it holds the task and participants, and runs its calls on
 * the engine given to {@link #run(Engine)}, so it can be a voter of a vote or a section of a
 * sectioning, whose engine (and limits) it then shares.
 *
 * {@snippet :
 * DeliberationResult r = Deliberation.builder()
 *     .task("Plan the migration of our batch jobs to virtual threads")
 *     .participant(Participant.of("anthropic:claude-sonnet-4-5"))
 *     .participant(Participant.of("openai:gpt-5"))
 *     .build()
 *     .run(engine);
 * System.out.println(CollaborationReport.toMarkdown(r));
 * }
 *
 * <p>Instances are immutable; {@link #run(Engine)} may be called many times, from any thread.
 */
public final class Deliberation implements Pattern<DeliberationResult> {
  private final String name;
  private final String task;
  private final List<Participant> participants;
  private final int maxRounds;
  private final double convergenceTarget;
  private final boolean anonymize;
  private final ModelId synthesizer;
  private final DeliberationMeasures measures;
  private final TimeSource time;
  private final RandomGenerator random;
  private final ReentrantLock randomLock =
      new ReentrantLock(); // a RandomGenerator need not be thread-safe
  private final int maxTokens;
  private final Double temperature;
  private final ClaimExtraction claimExtraction;

  /** How each answer's claims are found. */
  public enum ClaimExtraction {
    /**
     * The participant's model lists its answer's claims as JSON ({@link Claims#JSON_SCHEMA}), one
     * extra call per answer; where its reply is unusable the heuristic stands in and the report
     * says why.
     */
    MODEL,
    /** The heuristic splitter only ({@link Claims#split}); no extra calls. */
    HEURISTIC
  }

  private Deliberation(Builder b) {
    if (b.task == null || b.task.isBlank()) {
      throw new IllegalArgumentException("deliberation: task is blank");
    }
    if (b.participants.size() < 2) {
      throw new IllegalArgumentException(
          "deliberation: needs at least two participants, got " + b.participants.size());
    }
    if (b.maxRounds < 1) {
      throw new IllegalArgumentException(
          "deliberation: rounds must be at least 1, was " + b.maxRounds);
    }
    if (!(b.convergenceTarget > 0 && b.convergenceTarget <= 1)) {
      throw new IllegalArgumentException(
          "deliberation: converge must be in (0, 1], was " + b.convergenceTarget);
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Participant p : b.participants) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(
            "deliberation: two participants are named '" + p.name() + "'");
      }
    }
    this.name = b.name;
    this.task = b.task.strip();
    this.participants = List.copyOf(b.participants);
    this.maxRounds = b.maxRounds;
    this.convergenceTarget = b.convergenceTarget;
    this.anonymize = b.anonymize;
    this.synthesizer = b.synthesizer;
    this.measures = b.measures == null ? DeliberationMeasures.semantic() : b.measures;
    this.time = b.time;
    this.random = b.random == null ? new SplittableRandom() : b.random;
    this.maxTokens = b.maxTokens;
    this.temperature = b.temperature;
    this.claimExtraction = b.claimExtraction;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The name reports and progress show ({@code deliberation} unless the builder set one). */
  @Override
  public String name() {
    return name;
  }

  /** The task, stripped. */
  public String task() {
    return task;
  }

  public List<Participant> participants() {
    return participants;
  }

  /**
   * Runs the deliberation to its end, its calls on {@code engine}. Never throws for provider
   * failures: they are in the result.
   */
  @Override
  public DeliberationResult run(Engine engine) {
    TimeSource time = this.time != null ? this.time : engine.config().time();
    Instant started = time.now();
    long startNanos = time.nanoTime();
    String id;
    randomLock.lock();
    try {
      id = CorrelationIds.collab(started, random);
    } finally {
      randomLock.unlock();
    }
    Map<String, String> latest = new LinkedHashMap<>();
    List<Round> rounds = new ArrayList<>();
    List<ParticipantFailure> failures = new ArrayList<>();
    Usage usage = Usage.ZERO;
    double cost = 0;
    int calls = 0;
    DeliberationResult.StopReason stop = DeliberationResult.StopReason.MAX_ROUNDS;
    // each participant's last answer: where the budget stops a round, the earlier answer stands
    Map<String, Contribution> lastAnswered = new LinkedHashMap<>();

    for (int r = 1; r <= maxRounds; r++) {
      List<ChatRequest> requests = new ArrayList<>();
      for (Participant p : participants) {
        requests.add(request(p, r, latest));
      }
      RunResult<ChatResponse> result = runRound(engine, id, r, requests);
      usage = usage.plus(result.usage());
      cost += result.costUsd();
      List<Contribution> contributions = new ArrayList<>();
      boolean budgetReached = false;
      for (int i = 0; i < participants.size(); i++) {
        Participant p = participants.get(i);
        Outcome<ChatResponse> o = result.outcomes().get(i);
        Contribution c = contribution(p, o);
        contributions.add(c);
        if (Budget.refused(o)) {
          budgetReached = true; // never sent: no call, no failure; its last answer stands
          continue;
        }
        calls += Math.max(1, o.timeline().attempts().size());
        if (c.answered()) {
          latest.put(p.name(), c.text());
          lastAnswered.put(p.name(), c);
        } else {
          latest.remove(p.name());
          lastAnswered.remove(p.name());
          failures.add(c.failure());
        }
      }
      if (claimExtraction == ClaimExtraction.MODEL) {
        RunResult<ChatResponse> extracted = extractClaims(engine, id, r, contributions);
        usage = usage.plus(extracted.usage());
        cost += extracted.costUsd();
        calls +=
            extracted.outcomes().stream()
                .mapToInt(o -> Math.max(1, o.timeline().attempts().size()))
                .sum();
      }
      carryForwardAgreements(contributions, rounds);
      Map<String, List<Claim>> answered = claims(contributions);
      double convergence = answered.size() < 2 ? Double.NaN : measures.convergence(answered);
      rounds.add(new Round(r, contributions, convergence));
      if (budgetReached) {
        stop = DeliberationResult.StopReason.BUDGET;
        break;
      }
      if (answered.size() < 2) {
        stop = DeliberationResult.StopReason.TOO_FEW_PARTICIPANTS;
        break;
      }
      if (convergence >= convergenceTarget) {
        stop = DeliberationResult.StopReason.CONVERGED;
        break;
      }
    }

    Round last = rounds.get(rounds.size() - 1);
    // stopped by the budget: the answers there are (this round's where it got them, else the
    // participant's previous one), not only the cut-short round's
    List<Contribution> closing =
        stop == DeliberationResult.StopReason.BUDGET
            ? List.copyOf(lastAnswered.values())
            : last.contributions();
    Map<String, String> finalAnswers = answers(closing);
    DeliberationMeasures.ClaimAnalysis analysis =
        finalAnswers.size() < 2
            ? new DeliberationMeasures.ClaimAnalysis(List.of(), List.of(), 0)
            : measures.analyze(claims(closing));
    double convergence =
        stop != DeliberationResult.StopReason.BUDGET
            ? last.convergence()
            : finalAnswers.size() < 2 ? Double.NaN : measures.convergence(claims(closing));
    int answered = finalAnswers.size();
    ConsensusLevel consensus =
        ConsensusLevel.decide(
            answered,
            Double.isNaN(convergence) ? 0 : convergence,
            convergenceTarget,
            analysis.agreements().size(),
            analysis.contradictions());
    double stability = 1;
    if (rounds.size() >= 2) {
      double prev = rounds.get(rounds.size() - 2).convergence();
      stability =
          Double.isNaN(prev) || Double.isNaN(convergence) ? 0 : 1 - Math.abs(convergence - prev);
    }
    int totalPoints = analysis.agreements().size() + analysis.disagreements().size();
    double support = totalPoints == 0 ? 0 : (double) analysis.agreements().size() / totalPoints;
    Confidence confidence =
        Confidence.of(
            Double.isNaN(convergence) ? 0 : convergence,
            (double) answered / participants.size(),
            stability,
            support);

    String plan;
    String planSource;
    List<String[]> finalList = new ArrayList<>();
    finalAnswers.forEach((name, text) -> finalList.add(new String[] {name, text}));
    String synthesisFailure;
    if (synthesizer != null && !finalList.isEmpty()) {
      ChatRequest req =
          ChatRequest.builder(synthesizer)
              .system("You write unified plans from the final answers of a deliberation.")
              .user(DeliberationPrompts.synthesis(task, finalList))
              .maxTokens(maxTokens)
              .metadata("pattern", "deliberate")
              .metadata("step", "synthesis")
              .build();
      Outcome<ChatResponse> o = engine.call(req);
      calls += Math.max(1, o.timeline().attempts().size());
      usage = usage.plus(o.timeline().usage());
      cost += o.timeline().costUsd();
      if (o instanceof Outcome.Success<ChatResponse> s) {
        plan = s.value().text().strip();
        planSource = "synthesized by " + s.value().model();
      } else {
        synthesisFailure = "synthesizer " + synthesizer + " failed with " + o.errorLine();
        plan = assembledPlan(analysis, finalList);
        planSource = "assembled from agreements (" + synthesisFailure + ")";
      }
    } else {
      plan = assembledPlan(analysis, finalList);
      planSource = "assembled from agreements";
    }

    boolean degraded = answered < participants.size();
    boolean synthetic =
        rounds.stream()
            .flatMap(rd -> rd.contributions().stream())
            .anyMatch(Contribution::synthetic);
    return new DeliberationResult(
        task,
        id,
        time.now(),
        participants,
        rounds,
        stop,
        convergenceTarget,
        convergence,
        consensus,
        confidence,
        analysis.agreements(),
        analysis.disagreements(),
        plan,
        planSource,
        failures,
        degraded,
        synthetic,
        measures.description(),
        usage,
        cost,
        calls,
        Duration.ofNanos(time.nanoTime() - startNanos));
  }

  /**
   * A turn that only agrees ("I agree.", "Agreed on all points.") has no claims of its own; left
   * empty, it would read as its author having taken back everything (convergence falling to 0) and
   * its agreement phrase could surface as a disagreement. It reaffirms its author's last
   * substantive answer, so that answer's claims are carried forward, and the report says so.
   */
  private static void carryForwardAgreements(
      List<Contribution> contributions, List<Round> earlier) {
    for (int i = 0; i < contributions.size(); i++) {
      Contribution c = contributions.get(i);
      if (!c.answered() || !c.claims().isEmpty() || !Claims.onlyAgrees(c.text())) {
        continue;
      }
      for (int k = earlier.size() - 1; k >= 0; k--) {
        Round prev = earlier.get(k);
        Contribution before =
            prev.contributions().stream()
                .filter(
                    x ->
                        x.participant().equals(c.participant())
                            && x.answered()
                            && !x.claims().isEmpty())
                .findFirst()
                .orElse(null);
        if (before != null) {
          int from =
              before.carriedForward()
                  ? Integer.parseInt(
                      before
                          .claimSource()
                          .substring(Contribution.CARRIED_FORWARD.length())
                          .split("\\D", 2)[0])
                  : prev.number();
          contributions.set(
              i,
              c.withClaims(
                  before.claims(),
                  Contribution.CARRIED_FORWARD + from + " (this turn only agreed)"));
          break;
        }
      }
    }
  }

  private static Map<String, String> answers(List<Contribution> contributions) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Contribution c : contributions) {
      if (c.answered()) {
        out.put(c.participant(), c.text());
      }
    }
    return out;
  }

  private static Map<String, List<Claim>> claims(List<Contribution> contributions) {
    Map<String, List<Claim>> out = new LinkedHashMap<>();
    for (Contribution c : contributions) {
      if (c.answered()) {
        out.put(c.participant(), c.claims());
      }
    }
    return out;
  }

  /**
   * Asks each answering participant's model to list its answer's claims as JSON ({@link
   * Claims#INSTRUCTIONS}); replaces the heuristic claims of the contributions whose reply parses,
   * and records why the others keep the heuristic ones. All in parallel.
   */
  private RunResult<ChatResponse> extractClaims(
      Engine engine, String id, int round, List<Contribution> contributions) {
    List<Integer> indexes = new ArrayList<>();
    List<ChatRequest> requests = new ArrayList<>();
    for (int i = 0; i < contributions.size(); i++) {
      Contribution c = contributions.get(i);
      if (c.answered()) {
        indexes.add(i);
        requests.add(
            ChatRequest.builder(c.answeredBy())
                .system("You list the claims of an answer as JSON, exactly as asked.")
                .user(Claims.INSTRUCTIONS + "\n\n<answer>\n" + c.text() + "\n</answer>")
                .maxTokens(1024)
                .temperature(0.0)
                .metadata("pattern", "deliberate")
                .metadata("step", "claims")
                .metadata("participant", c.participant())
                .metadata("round", Integer.toString(round))
                .build());
      }
    }
    RunResult<ChatResponse> run =
        engine.callAll(
            Call.all(requests),
            RunOptions.of(FailurePolicy.IGNORE)
                .withRunId(id + "-r" + round + "-claims")
                .withLabel("claims"));
    for (int k = 0; k < indexes.size(); k++) {
      int i = indexes.get(k);
      Contribution c = contributions.get(i);
      Outcome<ChatResponse> o = run.outcomes().get(k);
      String source;
      List<Claim> claims = c.claims();
      if (o instanceof Outcome.Success<ChatResponse> s) {
        ParsedClaims parsed = Claims.parse(s.value().text(), c.text());
        claims = parsed.claims();
        source =
            parsed.source() == ParsedClaims.Source.STRUCTURED
                ? "model"
                : "heuristic (" + parsed.note() + ")";
      } else {
        source = "heuristic (claim extraction failed: " + o.errorKind() + ")";
      }
      contributions.set(i, c.withClaims(claims, source));
    }
    return run;
  }

  private RunResult<ChatResponse> runRound(
      Engine engine, String id, int round, List<ChatRequest> requests) {
    // each participant may have its own fallback chain: one fan-out of calls with their own options
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      Participant p = participants.get(i);
      calls.add(
          p.fallback() == null
              ? Call.of(requests.get(i))
              : Call.of(requests.get(i), CallOptions.DEFAULT.withFallback(p.fallback())));
    }
    return engine.callAll(
        calls,
        RunOptions.of(FailurePolicy.IGNORE)
            .withRunId(id + "-r" + round)
            .withLabel("deliberate round " + round));
  }

  private ChatRequest request(Participant p, int round, Map<String, String> latest) {
    String prompt;
    if (round == 1) {
      prompt = DeliberationPrompts.proposal(task);
    } else {
      List<String[]> others = new ArrayList<>();
      char label = 'A';
      for (Participant o : participants) {
        if (o.name().equals(p.name())) {
          continue;
        }
        String answer = latest.get(o.name());
        String who = anonymize ? "Participant " + label : o.name();
        label++;
        if (answer != null) {
          others.add(new String[] {who, answer});
        }
      }
      prompt = DeliberationPrompts.revision(task, round, latest.get(p.name()), others);
    }
    ChatRequest.Builder b =
        ChatRequest.builder(p.model())
            .system(DeliberationPrompts.system(p))
            .user(prompt)
            .maxTokens(maxTokens)
            .metadata("pattern", "deliberate")
            .metadata("participant", p.name())
            .metadata("round", Integer.toString(round));
    if (temperature != null) {
      b.temperature(temperature);
    }
    return b.build();
  }

  private Contribution contribution(Participant p, Outcome<ChatResponse> o) {
    Usage u = o.timeline().usage();
    double cost = o.timeline().costUsd();
    if (o instanceof Outcome.Success<ChatResponse> s) {
      ChatResponse r = s.value();
      String revised = DeliberationPrompts.revisedPart(r.text()).strip();
      return new Contribution(
          p.name(),
          p.model(),
          r.model(),
          revised,
          measures.claims(revised),
          "heuristic",
          null,
          u,
          cost,
          r.latency(),
          o.synthetic());
    }
    List<ModelId> tried = new ArrayList<>();
    for (Attempt a : o.timeline().attempts()) {
      if (!tried.contains(a.model())) {
        tried.add(a.model());
      }
    }
    if (tried.isEmpty()) {
      tried.add(p.model());
    }
    ParticipantFailure failure =
        new ParticipantFailure(
            p.name(),
            p.model(),
            o.errorKind(),
            o.errorMessage(),
            o.timeline().attempts().size(),
            tried);
    return new Contribution(
        p.name(),
        p.model(),
        null,
        null,
        List.of(),
        null,
        failure,
        u,
        cost,
        o.timeline().elapsed(),
        o.synthetic());
  }

  private static String assembledPlan(
      DeliberationMeasures.ClaimAnalysis analysis, List<String[]> finalAnswers) {
    StringBuilder sb = new StringBuilder();
    if (finalAnswers.size() == 1) {
      sb.append("Only ")
          .append(finalAnswers.get(0)[0])
          .append(
              " answered in the final round, so there is no joint plan; its answer is quoted under Perspectives.");
      return sb.toString();
    }
    if (finalAnswers.isEmpty()) {
      return "No participant answered; there is no plan.";
    }
    if (analysis.agreements().isEmpty()) {
      sb.append("The participants share no point closely enough to build a joint plan on.\n");
    } else {
      int n = 1;
      for (Point a : analysis.agreements()) {
        sb.append(n++)
            .append(". ")
            .append(a.text())
            .append(" (")
            .append(String.join(", ", a.heldBy()))
            .append(")\n");
      }
    }
    if (!analysis.disagreements().isEmpty()) {
      sb.append("\nOpen questions:\n");
      for (Point d : analysis.disagreements()) {
        sb.append("- ").append(d.text()).append(" (only ").append(String.join(", ", d.heldBy()));
        if (!d.contradictedBy().isEmpty()) {
          sb.append("; contradicted by ").append(String.join(", ", d.contradictedBy()));
        }
        sb.append(")\n");
      }
    }
    return sb.toString().strip();
  }

  /** Builds a {@link Deliberation}; not thread-safe. */
  public static final class Builder {
    private String name = "deliberation";
    private String task;
    private final List<Participant> participants = new ArrayList<>();
    private int maxRounds = 3;
    private double convergenceTarget = 0.85;
    private boolean anonymize;
    private @Nullable ModelId synthesizer;
    private @Nullable DeliberationMeasures measures;
    private @Nullable TimeSource time;
    private @Nullable RandomGenerator random;
    private int maxTokens = 1024;
    private @Nullable Double temperature;
    private ClaimExtraction claimExtraction = ClaimExtraction.MODEL;

    private Builder() {}

    /** The name reports and progress show (default {@code deliberation}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder task(String task) {
      this.task = task;
      return this;
    }

    public Builder participant(Participant p) {
      participants.add(Objects.requireNonNull(p, "participant"));
      return this;
    }

    public Builder participants(List<Participant> ps) {
      ps.forEach(this::participant);
      return this;
    }

    /** The most rounds (default 3). */
    public Builder rounds(int rounds) {
      this.maxRounds = rounds;
      return this;
    }

    /** The convergence that ends the deliberation early (default 0.85). */
    public Builder converge(double target) {
      this.convergenceTarget = target;
      return this;
    }

    /** Show others' answers as "Participant A/B/..." instead of by name. */
    public Builder anonymize(boolean anonymize) {
      this.anonymize = anonymize;
      return this;
    }

    /** A model that writes the unified plan from the final answers. */
    public Builder synthesizer(ModelId model) {
      this.synthesizer = Objects.requireNonNull(model, "synthesizer");
      return this;
    }

    /** No synthesizer (the default): the plan is assembled from the agreements. */
    public Builder assembledPlan() {
      this.synthesizer = null;
      return this;
    }

    /** How answers are compared ({@link DeliberationMeasures#semantic()} unless set). */
    public Builder measures(DeliberationMeasures measures) {
      this.measures = Objects.requireNonNull(measures, "measures");
      return this;
    }

    /** The clock for the correlation id and elapsed time; the engine's clock unless set. */
    public Builder time(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Randomness for the correlation id; seeded in tests (unseeded unless set). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /** The participants' sampling temperature in [0, 2]; the provider's default unless set. */
    public Builder temperature(double temperature) {
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException(
            "deliberation: temperature must be in [0, 2], was " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /** How claims are found (default {@link ClaimExtraction#MODEL}). */
    public Builder claims(ClaimExtraction mode) {
      this.claimExtraction = Objects.requireNonNull(mode, "claims");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the setting when it is invalid
     */
    public Deliberation build() {
      return new Deliberation(this);
    }
  }
}
